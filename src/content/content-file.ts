// Which files under content/ are pages, and the names that would leave a page out or make its address unreachable.
import { FORUM_FILE } from './forum-settings.js';
import { NAVIGATION_FILE } from './navigation.js';
import { problemAt, type Problem } from './problem.js';
import { REMOVED_FILE } from './removed-pages.js';

/** Only this exact extension makes a page. Anything else is left out, and reported below when that looks unmeant. */
export function isPageFile(file: string): boolean {
  return file.endsWith('.md');
}

/** Extensions of files that are Markdown or plain text in all but name, and ".md" written in capitals. */
const MARKDOWN_LIKE = new Set(['.md', '.markdown', '.mdown', '.mkdn', '.mkd', '.mdwn', '.mdtxt', '.mdtext', '.txt', '.text']);
/** Files that Windows leaves in folders by itself (macOS's .DS_Store is a dotfile, never listed). */
const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini']);
/** YAML files: the menus, the removed pages, the forum's categories, and data read by what comes next. */
const YAML = new Set(['.yml', '.yaml']);

/** A path segment that every browser sends exactly as written: lowercase letters, digits, and - _ . inside. */
const GOOD_SEGMENT = /^[a-z0-9][a-z0-9._-]*$/;

/** Kyrgyz and Russian letters in Latin, as in the site's addresses (Бишкек -> bishkek). */
const CYRILLIC: Readonly<Record<string, string>> = Object.fromEntries(
  'а:a б:b в:v г:g д:d е:e ё:yo ж:zh з:z и:i й:y к:k л:l м:m н:n ң:ng о:o ө:o п:p р:r с:s т:t у:u ү:u ф:f х:kh ц:ts ч:ch ш:sh щ:shch ъ: ы:y ь: э:e ю:yu я:ya'
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** A segment as it should be written: "Country Info" -> "country-info", "Отчёт 2003" -> "otchyot-2003". */
export function goodSegment(segment: string): string {
  return [...segment.toLowerCase()]
    .map((letter) => CYRILLIC[letter] ?? letter)
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9._]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
}

/** "a space and capital letters": what makes a name unfit for an address. */
function flaws(segment: string): string {
  const others = [...new Set(segment.replace(/[\sA-Za-z0-9._-]/g, ''))];
  const symbols = others.filter((character) => character <= '~');
  const found = [
    /\s/.test(segment) ? 'a space' : '',
    segment !== segment.toLowerCase() ? 'capital letters' : '',
    others.length > symbols.length ? 'letters other than a to z' : '',
    symbols.length > 0 ? `"${symbols.join('')}"` : '',
    /^[-._]/.test(segment) ? `"${segment[0]!}" first` : '',
  ].filter(Boolean);
  return found.length > 1 ? `${found.slice(0, -1).join(', ')} and ${found.at(-1)!}` : (found[0] ?? 'characters a web address cannot have');
}

/** The fault in a page's folder or file name, or undefined: the address is made from them, so they must suit one. */
export function pageNameFault(file: string): string | undefined {
  const segments = file.replace(/\.md$/, '').split('/');
  const bad = segments.findIndex((segment) => !GOOD_SEGMENT.test(segment));
  if (bad === -1) return undefined;
  const segment = segments[bad]!;
  const fixed = goodSegment(segment);
  const last = bad === segments.length - 1;
  const what = last ? `the file name "${segment}.md"` : `the folder name "${segment}"`;
  const it = last ? 'it' : 'the folder';
  const rename = fixed === '' ? `rename ${it} in Latin letters` : `rename ${it} to ${fixed}${last ? '.md' : ''}`;
  return `${what} has ${flaws(segment)}: a web address needs lowercase letters, digits and hyphens, so ${rename}`;
}

/** A file that is not a page: reported when it was probably meant to be one, or to be published; undefined when fine. */
export function notAPageProblem(file: string, bytes: Buffer): Problem | undefined {
  const name = file.split('/').at(-1) ?? file;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot).toLowerCase() : '';
  const base = file.slice(0, file.length - (dot > 0 ? name.length - dot : 0));
  if (SYSTEM_FILES.has(name.toLowerCase())) return undefined;
  if (YAML.has(extension)) {
    const meant = [NAVIGATION_FILE, REMOVED_FILE, FORUM_FILE].find((known) => known !== file && `${base.toLowerCase()}.yml` === known);
    return meant ? problemAt(file, 1, `this file is not read: the site reads ${meant} only, so rename it to ${meant}`) : undefined;
  }
  if (MARKDOWN_LIKE.has(extension)) {
    const page = startsWithFrontMatter(bytes);
    const rename = `rename it to ${base.split('/').map(goodSegment).join('/')}.md`;
    const why = 'this file is left out of the site: only files ending in .md (lowercase) become pages';
    const message = `${why}${page ? ', so' : '; if it is meant to be one,'} ${rename}`;
    return problemAt(file, 1, message, page ? 'error' : 'warning');
  }
  return problemAt(file, 1, 'this file is not published: content/ holds pages (.md files); put images and documents in public/ and link to them', 'warning');
}

function startsWithFrontMatter(bytes: Buffer): boolean {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes
    .toString('utf8', start, start + 4)
    .replace(/\r/, '')
    .startsWith('---\n');
}

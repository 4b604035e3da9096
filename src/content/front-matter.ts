// Splits a Markdown file into YAML front matter and body with gray-matter, YAML only, reporting errors by line.
import matter from 'gray-matter';
import { ContentError } from './problem.js';

export interface SplitFile {
  readonly data: Readonly<Record<string, unknown>>;
  readonly body: string;
  /** Lines before the body starts, so body line N is file line N + bodyOffset. */
  readonly bodyOffset: number;
  /** The front matter's own lines, for pointing at a key. First YAML line is file line 2. */
  readonly yamlLines: readonly string[];
}

const refuse = (): never => {
  throw new Error('front matter must be YAML');
};

// gray-matter picks an engine from the text after the opening "---" (for example "---js"), and its javascript
// engine runs eval() on the file. Every engine but YAML refuses, so content can never run code.
// Passing options also turns off gray-matter's cache, which would keep every file's text for the life of the process.
interface Options extends matter.GrayMatterOption<string, Options> {}
const options: Options = { language: 'yaml', engines: { javascript: refuse, js: refuse, coffee: refuse, coffeescript: refuse, cson: refuse, json: refuse, toml: refuse } };

interface YamlMark {
  line: number;
  column: number;
}

function yamlErrorLine(error: unknown, lastYamlLine: number): { line: number; reason: string } | undefined {
  if (typeof error !== 'object' || error === null || !('mark' in error)) return undefined;
  const mark = (error as { mark?: YamlMark }).mark;
  const reason = (error as { reason?: string }).reason ?? 'invalid YAML';
  // gray-matter hands js-yaml the text from the end of the opening "---" (a newline first), and js-yaml counts
  // from 0, so mark.line is the file line less one. Errors at the end of the stream point past the YAML: clamp.
  return mark ? { line: Math.min(mark.line + 1, lastYamlLine), reason } : undefined;
}

export function splitFrontMatter(file: string, text: string): SplitFile {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n')).trimEnd();
  if (firstLine !== '---') {
    if (firstLine.startsWith('---')) throw new ContentError(file, 1, `front matter must open with a plain "---" line (YAML); "${firstLine}" is not allowed`);
    throw new ContentError(file, 1, 'the file must start with front matter: a "---" line, then title: and description:, then "---"');
  }
  const closingMatch = /\r?\n---[ \t]*(\r?\n|$)/.exec(text.slice(3));
  if (!closingMatch) throw new ContentError(file, 1, 'front matter is not closed: add a "---" line after the last field');
  const closing = closingMatch.index;
  // gray-matter gets the front matter block alone: it looks every input up in a cache keyed by the text, and
  // hashing whole files for that was the costliest step of reading 10,000 pages.
  const frontEnd = 3 + closing + closingMatch[0].length;

  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text.slice(0, frontEnd), options);
  } catch (error) {
    // closing indexes text.slice(3) and points at the newline before the closing "---".
    const located = yamlErrorLine(error, text.slice(0, closing + 3).split('\n').length);
    if (located) throw new ContentError(file, located.line, `invalid YAML: ${located.reason}`, { cause: error });
    throw new ContentError(file, 1, `invalid front matter: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }

  const raw: unknown = parsed.data;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ContentError(file, 2, 'front matter must be a list of "key: value" fields');
  }
  const yamlLines = parsed.matter.replace(/^\r?\n/, '').split(/\r?\n/);
  const bodyOffset = text.slice(0, frontEnd).split('\n').length - 1;
  // gray-matter caches and shares its data object, so keep a copy of our own.
  return { data: { ...(raw as Record<string, unknown>) }, body: text.slice(frontEnd), bodyOffset, yamlLines };
}

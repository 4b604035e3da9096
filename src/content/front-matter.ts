// Splits a Markdown file into YAML front matter and body with gray-matter, YAML only, reporting errors by line.
import matter from 'gray-matter';
import { ContentError } from './problem.js';

export interface SplitFile {
  readonly data: Readonly<Record<string, unknown>>;
  /** The body's bytes, undecoded: a view on the file's buffer. */
  readonly body: Buffer;
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
type Options = matter.GrayMatterOption<string, Options>;
const engines = Object.fromEntries(['javascript', 'js', 'coffee', 'coffeescript', 'cson', 'json', 'toml'].map((name) => [name, refuse]));
const options: Options = { language: 'yaml', engines };

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

const NEWLINE = 0x0a;
const CLOSING = Buffer.from('\n---');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Where the closing "---" line ends (a byte offset), or -1. Searched in the bytes so that only the front matter
 * is ever decoded: on a 10,000-page site, decoding every body at start cost 200 ms and held 130 MB of text.
 */
function frontMatterEnd(bytes: Buffer, from: number): { closing: number; end: number } | -1 {
  for (let at = bytes.indexOf(CLOSING, from); at !== -1; at = bytes.indexOf(CLOSING, at + 1)) {
    let cursor = at + CLOSING.length;
    while (bytes[cursor] === 0x20 || bytes[cursor] === 0x09) cursor += 1;
    if (bytes[cursor] === 0x0d && bytes[cursor + 1] === NEWLINE) return { closing: at, end: cursor + 2 };
    if (bytes[cursor] === NEWLINE) return { closing: at, end: cursor + 1 };
    if (cursor === bytes.length) return { closing: at, end: cursor };
  }
  return -1;
}

/** Splits a file's bytes (valid UTF-8) into its front matter, parsed, and its body, still as bytes. */
export function splitFrontMatter(file: string, bytes: Buffer): SplitFile {
  const start = bytes.subarray(0, 3).equals(BOM) ? 3 : 0;
  const lineEnd = bytes.indexOf(NEWLINE, start);
  const firstLine = bytes.toString('utf8', start, lineEnd === -1 ? Math.min(bytes.length, start + 200) : lineEnd).trimEnd();
  if (firstLine !== '---') {
    if (firstLine.startsWith('---')) throw new ContentError(file, 1, `front matter must open with a plain "---" line (YAML); "${firstLine}" is not allowed`);
    throw new ContentError(file, 1, 'the file must start with front matter: a "---" line, then title: and description:, then "---"');
  }
  // The closing line is searched for from the end of "---", as in "---\n---" (empty front matter).
  const found = frontMatterEnd(bytes, start + 3);
  if (found === -1) throw new ContentError(file, 1, 'front matter is not closed: add a "---" line after the last field');
  // gray-matter gets the front matter block alone: it looks every input up in a cache keyed by the text, and
  // hashing whole files for that was the costliest step of reading 10,000 pages.
  const front = bytes.toString('utf8', start, found.end);

  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(front, options);
  } catch (error) {
    // The YAML ends with the line before the closing "---".
    const located = yamlErrorLine(error, bytes.toString('utf8', start, found.closing).split('\n').length);
    if (located) throw new ContentError(file, located.line, `invalid YAML: ${located.reason}`, { cause: error });
    throw new ContentError(file, 1, `invalid front matter: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }

  const raw: unknown = parsed.data;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ContentError(file, 2, 'front matter must be a list of "key: value" fields');
  }
  const yamlLines = parsed.matter.replace(/^\r?\n/, '').split(/\r?\n/);
  const bodyOffset = front.split('\n').length - 1;
  // gray-matter caches and shares its data object, so keep a copy of our own.
  return { data: { ...(raw as Record<string, unknown>) }, body: bytes.subarray(found.end), bodyOffset, yamlLines };
}

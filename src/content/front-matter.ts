// Splits a Markdown file into YAML front matter and body, and reports a fault in the front matter by line.
import { parseYaml } from './parse-yaml.js';
import { ContentError } from './problem.js';
import { explainYamlError } from './yaml-error-message.js';

export interface SplitFile {
  readonly data: Readonly<Record<string, unknown>>;
  /** The body's bytes, undecoded: a view on the file's buffer. */
  readonly body: Buffer;
  /** Lines before the body starts, so body line N is file line N + bodyOffset. */
  readonly bodyOffset: number;
  /**
   * The front matter's lines, for pointing at a field: line i is file line i + 1, so the first field, on file
   * line 2, is line 1 (line 0 is what follows the opening "---").
   */
  readonly yamlLines: readonly string[];
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
  // Only the front matter is decoded and parsed. The text starts after the opening "---", so js-yaml's line 0 is
  // file line 1 and its line numbers are the file's less one, a byte-order mark or not.
  const text = bytes.toString('utf8', start + 3, found.closing);
  const yamlLines = text.split(/\r?\n/);
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    const fault = explainYamlError(error, yamlLines, 1);
    if (fault) throw new ContentError(file, fault.line, fault.message, { cause: error });
    throw error;
  }
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    // "title:Country info" reads as one piece of text, not as a field.
    const glued = yamlLines.findIndex((line) => /^\s*[A-Za-z]\w*:[^\s:/]/.test(line));
    if (glued !== -1) throw new ContentError(file, glued + 1, `put a space after the colon: ${yamlLines[glued]!.trim().replace(':', ': ')}`);
    throw new ContentError(file, 2, 'the front matter must be fields, one a line, each written as name: value');
  }
  return { data: raw as Record<string, unknown>, body: bytes.subarray(found.end), bodyOffset: linesBefore(bytes, start, found.end), yamlLines };
}

function linesBefore(bytes: Buffer, start: number, end: number): number {
  let lines = 0;
  for (let at = bytes.indexOf(NEWLINE, start); at !== -1 && at < end; at = bytes.indexOf(NEWLINE, at + 1)) lines += 1;
  return lines;
}

/**
 * The body of a page file as splitFrontMatter finds it, without parsing the front matter (undefined when there is
 * none to split off): so that the body can be rendered on a thread before the file is read (src/publish/prerender.ts).
 */
export function bodyOfFile(bytes: Buffer): Pick<SplitFile, 'body' | 'bodyOffset'> | undefined {
  const start = bytes.subarray(0, 3).equals(BOM) ? 3 : 0;
  if (bytes.toString('utf8', start, start + 3) !== '---') return undefined;
  const found = frontMatterEnd(bytes, start + 3);
  return found === -1 ? undefined : { body: bytes.subarray(found.end), bodyOffset: linesBefore(bytes, start, found.end) };
}

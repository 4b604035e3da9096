// Finds front-matter values that YAML silently cuts at " #": `title: UN #1` is read as "UN", the rest as a comment.
import type { LineFault } from './yaml-error-message.js';
import { yamlLine } from './yaml-lines.js';

/** A block scalar's opening: "description: >" or "|-" and the like; the lines below it are text, "#" and all. */
const BLOCK_SCALAR = /^[|>][-+0-9]*$/;
/** Values YAML does not read as plain text: quoted, flow lists and maps, anchors, aliases and tags. */
const NOT_PLAIN = /^["'[{&*!]/;

/** The value in quotes, as the editor should write it: double quotes unless it holds one, then single quotes. */
function quoted(text: string): string {
  return text.includes('"') ? `'${text.replace(/'/g, "''")}'` : `"${text}"`;
}

/**
 * One warning for each line whose plain value is followed by a " #" comment, at its line (`firstLine` is the file
 * line of lines[0]). A deliberate comment is allowed by YAML, so this is a warning, and its message says what to do
 * in either case. Lines inside a block scalar are text, not fields, and are skipped.
 */
export function valuesCutByComments(lines: readonly string[], firstLine: number): LineFault[] {
  const faults: LineFault[] = [];
  let blockIndent: number | undefined;
  lines.forEach((text, index) => {
    const line = yamlLine(text);
    if (blockIndent !== undefined) {
      if (line.blank || line.indent > blockIndent) return;
      blockIndent = undefined;
    }
    if (line.key === undefined && !line.dash) return;
    if (BLOCK_SCALAR.test(line.value)) {
      blockIndent = line.indent;
      return;
    }
    if (line.value === '' || line.value === line.written || NOT_PLAIN.test(line.value)) return;
    const comment = line.written.slice(line.value.length).trim();
    const field = line.key === undefined ? 'this item' : `the ${line.key}`;
    const fix = line.key === undefined ? `- ${quoted(line.written)}` : `${line.key}: ${quoted(line.written)}`;
    faults.push({
      line: firstLine + index,
      message:
        `${field} is read as "${line.value}": in YAML a " #" starts a comment, so "${comment}" is dropped; ` +
        `if it belongs to the text, put it in quotes: ${fix} (if it is a comment, put it on a line of its own)`,
    });
  });
  return faults;
}

// YAML text as an editor sees it, line by line: which field a line holds, how deep it is, and where a value was written.

/** One line of block-style YAML, read without parsing: enough to point an editor at the right line. */
export interface YamlLine {
  /** Spaces before the first character. */
  readonly indent: number;
  /** The line starts a list item ("- "). */
  readonly dash: boolean;
  /** Where the item's or field's own text starts: after "- " on a list item's line. */
  readonly column: number;
  /** The field name, when the line is "name: value". */
  readonly key: string | undefined;
  /** What follows "name:" (or "- "), without a trailing comment. */
  readonly value: string;
  /** What follows "name:" (or "- "), exactly as written, a "#" and what follows it included. */
  readonly written: string;
  /** Empty, or only a comment: such lines belong to no field. */
  readonly blank: boolean;
}

const LINE = /^( *)(-(?: +|$))?(?:([A-Za-z_][\w.-]*) *:(?= |\t|$))?[ \t]*(.*)$/;

export function yamlLine(text: string): YamlLine {
  const [, spaces = '', dash = '', key, rest = ''] = LINE.exec(text.replace(/\r$/, '')) ?? [];
  const quoted = /^["']/.test(rest);
  // A " #" starts a comment, except inside a quoted value, where it is text.
  const value = (quoted ? rest : rest.replace(/(^|[ \t])#.*$/, '')).trim();
  const blank = text.trim() === '' || text.trimStart().startsWith('#');
  return { indent: spaces.length, dash: dash !== '', column: spaces.length + dash.length, key, value, written: rest.trim(), blank };
}

interface Block {
  /** First line of the block (an index into the lines). */
  readonly from: number;
  /** One past its last line. */
  readonly to: number;
}

/**
 * The lines that belong to what line `at` starts: for a list item, the lines indented past its dash; for a field,
 * those indented past its name, and a list written at the name's own indent ("aliases:" then "- /old").
 */
function blockBelow(lines: readonly YamlLine[], at: number, to: number, item: boolean): Block {
  const own = lines[at]!;
  let end = at + 1;
  for (; end < to; end += 1) {
    const line = lines[end]!;
    if (line.blank) continue;
    const outside = item ? line.indent <= own.indent : line.indent < own.column || (line.indent === own.column && !line.dash);
    if (outside) break;
  }
  return { from: at, to: end };
}

/** The line, within a block, of the field `key` at the block's own depth; -1 when it is not written there. */
function findKey(lines: readonly YamlLine[], block: Block, key: string, skipFirst: boolean): number {
  let depth: number | undefined;
  for (let index = skipFirst ? block.from + 1 : block.from; index < block.to; index += 1) {
    const line = lines[index]!;
    // A bare "-" opens an item whose fields start on the next line.
    if (line.blank || (line.key === undefined && line.value === '')) continue;
    depth ??= line.column;
    if (line.column === depth && line.key === key) return index;
  }
  return -1;
}

/** The line of the `position`th list item (from 0) within a block; -1 when there are fewer. */
function findItem(lines: readonly YamlLine[], block: Block, position: number, skipFirst: boolean): number {
  let depth: number | undefined;
  let seen = -1;
  for (let index = skipFirst ? block.from + 1 : block.from; index < block.to; index += 1) {
    const line = lines[index]!;
    if (line.blank || !line.dash) continue;
    // Only the dashes of this list count, not those of lists nested in its items.
    depth ??= line.indent;
    if (line.indent === depth) seen += 1;
    if (seen === position) return index;
  }
  return -1;
}

/**
 * The index of the line where the value at `path` (as zod reports it: ["secondary", 5, "url"]) is written. When
 * part of the path is not written (a missing field), the line of the deepest part that is; when nothing is, the
 * first field's line.
 */
export function lineOfPath(text: readonly string[], path: readonly PropertyKey[]): number {
  const lines = text.map(yamlLine);
  const first = lines.findIndex((line) => !line.blank);
  let found = first === -1 ? 0 : first;
  let block: Block = { from: 0, to: lines.length };
  // A list item's own line holds its first field ("- title: A"), so it is searched too; a field's line holds only its value.
  let skipFirst = false;
  for (const step of path) {
    const item = typeof step === 'number';
    const index = item ? findItem(lines, block, step, skipFirst) : findKey(lines, block, String(step), skipFirst);
    if (index === -1) break;
    found = index;
    block = blockBelow(lines, index, block.to, item);
    skipFirst = !item;
  }
  return found;
}

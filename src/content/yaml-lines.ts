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

/**
 * Where each field and list item of one block is written: its fields by name, and its items in order, at the
 * block's own depth. Built with one pass over the block the first time it is asked about, so finding thousands of
 * fields (one fault for each unknown one) costs one pass, not one pass each.
 */
interface BlockIndex {
  readonly keys: ReadonlyMap<string, number>;
  readonly items: readonly number[];
}

function indexBlock(lines: readonly YamlLine[], block: Block, skipFirst: boolean): BlockIndex {
  const keys = new Map<string, number>();
  const items: number[] = [];
  let keyDepth: number | undefined;
  let itemDepth: number | undefined;
  for (let index = skipFirst ? block.from + 1 : block.from; index < block.to; index += 1) {
    const line = lines[index]!;
    if (line.blank) continue;
    // A bare "-" opens an item whose fields start on the next line.
    if (line.key !== undefined || line.value !== '') {
      keyDepth ??= line.column;
      if (line.column === keyDepth && line.key !== undefined && !keys.has(line.key)) keys.set(line.key, index);
    }
    if (!line.dash) continue;
    // Only the dashes of this list count, not those of lists nested in its items.
    itemDepth ??= line.indent;
    if (line.indent === itemDepth) items.push(index);
  }
  return { keys, items };
}

/** A text's lines, read once, with the blocks indexed so far (by first line, and whether that line was skipped). */
interface ReadLines {
  readonly lines: readonly YamlLine[];
  readonly blocks: Map<string, BlockIndex>;
}

// Callers ask about many paths of the same text (every fault of a file): its lines are read once, kept with it.
const readTexts = new WeakMap<readonly string[], ReadLines>();

function readLines(text: readonly string[]): ReadLines {
  let read = readTexts.get(text);
  if (!read) {
    read = { lines: text.map(yamlLine), blocks: new Map() };
    readTexts.set(text, read);
  }
  return read;
}

function blockIndex(read: ReadLines, block: Block, skipFirst: boolean): BlockIndex {
  const name = `${block.from}:${block.to}:${skipFirst}`;
  let index = read.blocks.get(name);
  if (!index) {
    index = indexBlock(read.lines, block, skipFirst);
    read.blocks.set(name, index);
  }
  return index;
}

/**
 * The index of the line where the value at `path` (as zod reports it: ["secondary", 5, "url"]) is written. When
 * part of the path is not written (a missing field), the line of the deepest part that is; when nothing is, the
 * first field's line.
 */
export function lineOfPath(text: readonly string[], path: readonly PropertyKey[]): number {
  const read = readLines(text);
  const { lines } = read;
  const first = lines.findIndex((line) => !line.blank);
  let found = first === -1 ? 0 : first;
  let block: Block = { from: 0, to: lines.length };
  // A list item's own line holds its first field ("- title: A"), so it is searched too; a field's line holds only its value.
  let skipFirst = false;
  for (const step of path) {
    const item = typeof step === 'number';
    const indexed = blockIndex(read, block, skipFirst);
    const index = item ? indexed.items[step] : indexed.keys.get(String(step));
    if (index === undefined) break;
    found = index;
    block = blockBelow(lines, index, block.to, item);
    skipFirst = !item;
  }
  return found;
}

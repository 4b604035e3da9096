// js-yaml's syntax errors retold for an editor: the line that is wrong, what is wrong with it, and how to write it.
import { plural } from '../lib/words.js';
import { yamlErrorMark } from './parse-yaml.js';
import { yamlLine, type YamlLine } from './yaml-lines.js';

export interface LineFault {
  readonly line: number;
  readonly message: string;
}

/** A value between matching quotes, with no stray quote of that kind inside. */
const QUOTED = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')$/;

/** What YAML reads differently from what an editor meant, in a value written without quotes; undefined if nothing. */
function troubleIn(value: string): string | undefined {
  if (value === '' || QUOTED.test(value)) return undefined;
  const first = value[0]!;
  if (first === '"' || first === "'") {
    const closes = value.length > 1 && value.endsWith(first);
    return closes ? `has a ${first} inside the ${first}…${first} around it` : 'starts with a quote mark but goes on after the closing one';
  }
  if (first === '[') return 'starts with "[", which is read as the start of a list';
  if (first === '{') return 'starts with "{", which is read as the start of a group of fields';
  if (/^-[ \t]/.test(value)) return 'starts with "- ", which is read as a list item';
  if (/^[@`%*&!|>]/.test(value)) return `starts with "${first}", which has a meaning of its own at the start of a value`;
  if (/:[ \t]/.test(value)) return 'contains ": ", which is read as the start of another field';
  if (value.endsWith(':')) return 'ends with ":", which is read as the name of another field';
  return undefined;
}

/** The value written in quotes that YAML reads as it is: double quotes, or single ones when the text has " or \. */
export function quoted(value: string): string {
  let text = value;
  // Quotes the editor already put around the whole value are kept as the value's ends, not as text.
  if (text.length > 1 && (text[0] === '"' || text[0] === "'") && text.endsWith(text[0])) text = text.slice(1, -1);
  return /["\\]/.test(text) ? `'${text.replace(/'/g, "''")}'` : `"${text}"`;
}

/** The line as it should be written, without its indent: `title: "UN: 60 years"`, or `- "@home"` for a list item. */
function rewritten(line: YamlLine, value: string): string {
  return line.key === undefined ? `- ${value}` : `${line.key}: ${value}`;
}

function subject(line: YamlLine): string {
  return line.key === undefined ? 'this item' : `the ${line.key}`;
}

/** Line `at` and the written line above it: js-yaml notices a fault on its line, or on the next one. */
function nearby(lines: readonly YamlLine[], at: number): number[] {
  let above = at - 1;
  while (above >= 0 && lines[above]!.blank) above -= 1;
  return above >= 0 ? [at, above] : [at];
}

/** A "[" or "{" opened and not closed on its line: js-yaml reads on to the end of the text before it gives up. */
const unclosedFlow = (value: string): boolean => value.split('[').length > value.split(']').length || value.split('{').length > value.split('}').length;

/** A value that cannot be read as written: near line `at`, or for an unclosed "[" the line that opens it. */
function unquotedValue(lines: readonly YamlLine[], at: number, reason: string): { index: number; message: string } | undefined {
  const flow = /flow collection|missed comma/.test(reason);
  const candidates = flow ? lines.map((_, index) => at - index).filter((index) => index >= 0) : nearby(lines, at);
  for (const index of candidates) {
    const line = lines[index]!;
    if (line.blank || (line.key === undefined && !line.dash)) continue;
    const trouble = troubleIn(line.written);
    if (!trouble || (flow && !unclosedFlow(line.written))) continue;
    if (flow) {
      const close = line.written.startsWith('[') ? ']' : '}';
      const fix = `if it is a list, end it with "${close}"; if it is text, put it in quotes, ${rewritten(line, quoted(line.written))}`;
      return { index, message: `${subject(line)} opens a "${line.written[0]!}" that is never closed: ${fix}` };
    }
    const how = /^["']/.test(line.written) ? 'put it in the other kind of quotes' : 'put it in quotes';
    return { index, message: `${subject(line)} ${trouble}: ${how}, ${rewritten(line, quoted(line.written))}` };
  }
  return undefined;
}

/** The line that opens a quote js-yaml reached the end of the text inside. */
function unclosedQuote(lines: readonly YamlLine[], at: number, quote: string): { index: number; message: string } | undefined {
  for (let index = Math.min(at, lines.length - 1); index >= 0; index -= 1) {
    const line = lines[index]!;
    if (line.blank || !line.written.startsWith(quote) || QUOTED.test(line.written)) continue;
    const fixed = rewritten(line, `${line.written}${quote}`);
    return { index, message: `${subject(line)} opens a quote (${quote}) that is never closed: add one at the end, ${fixed}` };
  }
  return undefined;
}

/** The earlier line that holds the same field as line `at`, in the same group of fields. */
function duplicate(lines: readonly YamlLine[], at: number): { index: number; message: string } {
  const second = lines[at]!;
  for (let index = at - 1; index >= 0; index -= 1) {
    const line = lines[index]!;
    if (line.blank) continue;
    if (line.column === second.column && line.key === second.key) {
      return { index: at, message: `${second.key ?? 'a field'} is written twice, on lines ${index + 1} and ${at + 1}: keep only one of them` };
    }
    if (line.indent < second.column) break;
  }
  return { index: at, message: `${second.key ?? 'a field'} is written twice: keep only one of them` };
}

/** Which js-yaml reasons mean "this value needs quotes" when a line with such a value is found. */
const VALUE_REASONS = /bad indentation|incomplete explicit mapping pair|unidentified alias|line break is expected|unknown tag|flow collection|missed comma/;

function indentation(lines: readonly YamlLine[], at: number): { index: number; message: string } {
  const line = lines[at]!;
  const spaces = (count: number): string => (count === 0 ? 'at the left edge' : `${plural(count, 'space')} in`);
  for (let index = at - 1; index >= 0; index -= 1) {
    const above = lines[index]!;
    if (above.blank) continue;
    if (line.dash) {
      if (!above.dash) continue;
      return { index: at, message: `this list item starts ${spaces(line.indent)} and the one above it ${spaces(above.indent)}: line up their "-"` };
    }
    const name = line.key ?? 'this line';
    return { index: at, message: `${name} starts ${spaces(line.indent)}, but ${above.key ?? 'the line'} above it ${spaces(above.column)}: line them up` };
  }
  return { index: at, message: 'this line starts with spaces: the first field starts at the left edge' };
}

/** A list dash glued to its item ("-/old"), or a field name without its colon ("title About us"), near line `at`. */
function missingSpaceOrColon(lines: readonly YamlLine[], text: readonly string[], at: number): { index: number; message: string } | undefined {
  for (const index of nearby(lines, at)) {
    const raw = text[index]!.trim();
    if (/^-[^\s-]/.test(raw)) return { index, message: `put a space after the "-" of a list item: - ${raw.slice(1)}` };
    const line = lines[index]!;
    const [, name, rest] = /^([A-Za-z]\w*)[ \t]+(\S.*)$/.exec(raw) ?? [];
    // A line indented past the field above it goes on with that field's value, which is allowed.
    const above = nearby(lines, index)[1];
    const continues = above !== undefined && index !== above && line.indent > lines[above]!.column;
    if (name && !line.dash && line.key === undefined && !raw.includes(':') && !continues) {
      return { index, message: `put a colon after the field name: ${name}: ${rest}` };
    }
  }
  return undefined;
}

/**
 * Retells a js-yaml error. `text` is the text js-yaml was given, as lines; `firstLine` is the file's line number of
 * its first line. Undefined when the error is not js-yaml's.
 */
export function explainYamlError(error: unknown, text: readonly string[], firstLine: number): LineFault | undefined {
  const mark = yamlErrorMark(error);
  if (!mark) return undefined;
  const lines = text.map(yamlLine);
  // js-yaml marks errors found at the end of the text past its last line.
  const at = Math.max(0, Math.min(mark.line, lines.length - 1));
  const raw = text[at] ?? '';
  const found =
    (/duplicated mapping key/.test(mark.reason) ? duplicate(lines, at) : undefined) ??
    (/tab characters/.test(mark.reason) || /^\s*(-\s*)?\t/.test(raw) ? { index: at, message: TAB } : undefined) ??
    (/within a double quoted scalar/.test(mark.reason) ? unclosedQuote(lines, mark.line, '"') : undefined) ??
    (/within a single quoted scalar/.test(mark.reason) ? unclosedQuote(lines, mark.line, "'") : undefined) ??
    (VALUE_REASONS.test(mark.reason) ? unquotedValue(lines, at, mark.reason) : undefined) ??
    missingSpaceOrColon(lines, text, at) ??
    (/bad indentation|can not read a block mapping entry|document separator is expected/.test(mark.reason) ? indentation(lines, at) : undefined);
  if (found) return { line: found.index + firstLine, message: found.message };
  return { line: at + firstLine, message: `YAML cannot read this line (${mark.reason}): compare it with the lines above it` };
}

const TAB = 'this line is indented with a tab: indent with spaces only, so replace the tab with spaces, lined up with the lines around it';

// Schema faults in a YAML file retold for an editor: which field, on which line, what is wrong, and what to write.
import type { z } from 'zod';
import { closestWord, ordinal } from '../lib/words.js';
import { quoted, type LineFault } from './yaml-error-message.js';
import { lineOfPath, yamlLine } from './yaml-lines.js';

type Path = readonly PropertyKey[];

/** What a file's messages need to know beyond the fault itself. */
export interface FieldWords {
  /** The YAML text the fields were read from, as lines. */
  readonly lines: readonly string[];
  /** The file's line number of the first of those lines. */
  readonly firstLine: number;
  /** What the whole is called when a fault is about all of it: "the front matter", "navigation.yml". */
  readonly whole: string;
  /** A value to suggest for the field at a path (today's date for `updated:`); several lines for a list or group. */
  example(path: Path): string;
  /** The fields the group at a path may have, to suggest one for a misspelt field. */
  fields(path: Path): readonly string[];
}

/** "title", "the 1st item of aliases", "the url of the 6th item of secondary". */
function nameOf(path: Path, words: FieldWords): string {
  const last = path.at(-1);
  if (last === undefined) return words.whole;
  const parent = path.slice(0, -1);
  const within = parent.length > 0 ? ` of ${nameOf(parent, words)}` : '';
  if (typeof last === 'number') return `the ${ordinal(last + 1)} item${within}`;
  return parent.length > 0 ? `the ${String(last)}${within}` : String(last);
}

/** An example as the lines to write: "key: value", or the key and, below it, a list or group indented. */
function exampleLines(key: PropertyKey | undefined, example: string): string {
  const block = example.includes('\n') || example.startsWith('- ');
  const indented = example.replace(/^/gm, '  ');
  if (key === undefined) return example;
  if (typeof key === 'number') return block ? `- ${example.replace(/\n/g, '\n  ')}` : `- ${example}`;
  return block ? `${String(key)}:\n${indented}` : `${String(key)}: ${example}`;
}

/** Several lines to write go below the message, indented, as a compiler shows code. */
function shown(lines: string): string {
  return lines.includes('\n') ? `, like this:\n${lines.replace(/^/gm, '    ')}` : ` ${lines}`;
}

interface Located {
  readonly path: Path;
  readonly line: number;
  readonly name: string;
  readonly key: PropertyKey | undefined;
  /** The value as the editor wrote it, when it is on the field's own line: all of it, and without a comment. */
  readonly written: string | undefined;
  readonly value: string | undefined;
  readonly input: unknown;
}

function locate(path: Path, input: unknown, words: FieldWords): Located {
  const index = lineOfPath(words.lines, path);
  const line = yamlLine(words.lines[index] ?? '');
  const key = path.at(-1);
  const own = typeof key === 'number' ? line.dash : line.key === key;
  const written = own && line.written !== '' ? line.written : undefined;
  const value = own && line.value !== '' ? line.value : undefined;
  return { path, line: index + words.firstLine, name: nameOf(path, words), key, written, value, input };
}

/** `(you wrote "yes")`: what the editor wrote, as they wrote it where it can be found. */
function youWrote(at: Located): string {
  const text = at.value ?? (typeof at.input === 'string' ? at.input : JSON.stringify(at.input));
  return `(you wrote "${text.replace(/^(["'])(.*)\1$/, '$2')}")`;
}

function missing(at: Located, words: FieldWords): string {
  const lines = exampleLines(at.key, words.example(at.path));
  const fix = `add ${lines.includes('\n') ? 'it' : 'a line'}${shown(lines)}`;
  if (at.path.length === 1) return `${at.name} is missing: ${fix}`;
  return `${nameOf(at.path.slice(0, -1), words)} has no ${String(at.key)}: ${fix}`;
}

function empty(at: Located, expected: string, words: FieldWords): string {
  const comment = /^#/.test(at.written ?? '') ? at.written : undefined;
  if (comment) return `${at.name} starts with "#", which begins a comment and hides the rest: put it in quotes, ${exampleLines(at.key, quoted(comment))}`;
  if (expected === 'array') return `${at.name} is empty: write its items below it, each on a line starting with "- ", or delete the line`;
  const lines = exampleLines(at.key, words.example(at.path));
  return `${at.name} is empty: write its value after the colon${lines.includes('\n') ? shown(lines) : `, ${lines}`}`;
}

/** A list written as one value ("aliases: /x"): the same items, one a line. */
function asList(at: Located, words: FieldWords): string {
  if (typeof at.input === 'object') return `${at.name} must be a list, each item starting with "- "${shown(exampleLines(at.key, words.example(at.path)))}`;
  const text = at.value ?? (typeof at.input === 'string' ? at.input : JSON.stringify(at.input));
  // "-/a -/b" (dashes glued on, read as one value) gives its items too.
  const items = text
    .split(/[\s,]+/)
    .map((item) => item.replace(/^-+/, ''))
    .filter(Boolean);
  return `${at.name} must be a list, with each item on its own line after "- "${shown(exampleLines(at.key, items.map((item) => `- ${item}`).join('\n')))}`;
}

function asText(at: Located): string {
  if (Array.isArray(at.input)) return `${at.name} must be one line of text, not a list`;
  if (typeof at.input === 'object') return `${at.name} must be one line of text, but it reads as fields: put it in quotes`;
  const reads = typeof at.input === 'number' ? 'a number' : 'true or false';
  const text = at.value ?? JSON.stringify(at.input);
  return `${at.name} must be text, but ${text} reads as ${reads}: put it in quotes, ${exampleLines(at.key, `"${text}"`)}`;
}

function wrongType(issue: z.core.$ZodIssueInvalidType, at: Located, words: FieldWords): string {
  if (at.input === undefined) return missing(at, words);
  if (at.input === null) return empty(at, issue.expected, words);
  switch (issue.expected) {
    case 'boolean':
      return `${at.name} must be true or false ${youWrote(at)}`;
    case 'number':
    case 'int': {
      const near = typeof at.input === 'number' ? String(Math.round(at.input)) : words.example(at.path);
      return `${at.name} must be a whole number, such as ${near} ${youWrote(at)}`;
    }
    case 'string':
      return asText(at);
    case 'array':
      return asList(at, words);
    case 'object':
      return `${at.name} must be written as fields${shown(exampleLines(at.key, words.example(at.path)))}`;
    default:
      return `${at.name} ${issue.message}`;
  }
}

/** zod's own wording ("Too small: expected string to have >=1 characters") never reaches an editor. */
function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, at: Located): string {
  const limit = issue.code === 'too_small' ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
  const own = /^(Too|Invalid)\b/.test(issue.message) ? undefined : issue.message;
  if (issue.origin === 'array') return `${at.name} ${own ?? `must list ${limit} items`}`;
  const length = typeof at.input === 'string' ? at.input.trim().length : 0;
  return `${at.name} ${own ?? `must be ${limit} characters long`}${length > 0 ? `; it has ${length}` : ''}`;
}

function unknownField(path: Path, key: string, words: FieldWords): LineFault {
  const fields = words.fields(path);
  const guess = closestWord(key, fields);
  const where = path.length > 0 ? ` in ${nameOf(path, words)}` : '';
  const allowed = fields.length > 1 ? `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)!}` : (fields[0] ?? 'none');
  const message = `unknown field "${key}"${where}: ${guess ? `did you mean ${guess}? The` : 'the'} fields allowed here are ${allowed}`;
  return { line: lineOfPath(words.lines, [...path, key]) + words.firstLine, message };
}

function faultOf(issue: z.core.$ZodIssue, words: FieldWords): LineFault[] {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => unknownField(issue.path, key, words));
  const at = locate(issue.path, issue.input, words);
  const message = (() => {
    switch (issue.code) {
      case 'invalid_type':
        return wrongType(issue, at, words);
      case 'invalid_value': {
        const values = issue.values.map(String);
        const guess = typeof at.input === 'string' ? closestWord(at.input, values) : undefined;
        return `${at.name} must be one of ${values.join(', ')} ${youWrote(at)}${guess ? `: did you mean ${guess}?` : ''}`;
      }
      case 'too_small':
      case 'too_big':
        return sizeMessage(issue, at);
      case 'invalid_format':
        return `${at.name} ${issue.message} ${youWrote(at)}`;
      default:
        return `${at.name} ${issue.message}`;
    }
  })();
  return [{ line: at.line, message }];
}

/**
 * Every schema fault, in line order. Parse with `{ reportInput: true }`: zod leaves out the value that was wrong
 * otherwise, and a wrong value could not be told from a missing one.
 */
export function fieldFaults(issues: readonly z.core.$ZodIssue[], words: FieldWords): LineFault[] {
  // "tittle:" is one fault, not two: the misspelt field is reported with its likely name, and that name is not
  // reported missing as well.
  const meant = new Set(
    issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => JSON.stringify([...issue.path, closestWord(key, words.fields(issue.path))])) : [],
    ),
  );
  const missingButMisspelt = (issue: z.core.$ZodIssue): boolean =>
    issue.code === 'invalid_type' && issue.input === undefined && meant.has(JSON.stringify(issue.path));
  return issues
    .filter((issue) => !missingButMisspelt(issue))
    .flatMap((issue) => faultOf(issue, words))
    .sort((a, b) => a.line - b.line);
}

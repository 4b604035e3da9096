// The interface text of each language (i18n/<code>.yml, as Hugo's i18n files): every word of the chrome, search,
// error and statistics pages that is not content. English is the reference: every other file has its keys.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../content/languages.js';
import { parseYaml, yamlErrorMark } from '../content/parse-yaml.js';
import { problemAt, type Problem } from '../content/problem.js';
import { lineOfPath } from '../content/yaml-lines.js';
import { formatNumber } from './format.js';

/** A message with its words for each plural category a language has (Intl.PluralRules): one/other, one/few/many/other. */
type Plural = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & { readonly other: string };
type Message = string | Plural;

export type TextValues = Readonly<Record<string, string | number>>;

/**
 * A message by key ("search.button"), with each {name} replaced by its value; a message with plural forms takes
 * the form `values.count` needs, and the count is written as the language writes numbers ("12 345").
 * A {name} without a value is left as written, so a template can put markup around it (split('{query}')).
 */
export type Translate = (key: string, values?: TextValues) => string;

export interface InterfaceText {
  readonly language: Language;
  readonly t: Translate;
}

const PLURAL_KEYS = new Set<string>(['zero', 'one', 'two', 'few', 'many', 'other']);

function isPlural(value: unknown): value is Plural {
  return typeof value === 'object' && value !== null && 'other' in value && Object.keys(value).every((key) => PLURAL_KEYS.has(key));
}

/** The file's messages by dotted key; a value that is neither text nor plural forms is a problem. */
function flatten(value: unknown, prefix: string, out: Map<string, Message>, bad: string[]): void {
  if (typeof value === 'string' || typeof value === 'number') out.set(prefix, String(value));
  else if (isPlural(value)) out.set(prefix, value);
  else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out, bad);
  } else bad.push(prefix);
}

const placeholders = (message: Message): string =>
  [...new Set([...(typeof message === 'string' ? [message] : Object.values(message)).join(' ').matchAll(/\{(\w+)\}/g)].map((match) => match[1]!))]
    .sort()
    .join(', ');

const pluralRules = new Map<string, Intl.PluralRules>();

function fill(language: Language, message: Message, values: TextValues | undefined): string {
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const count = typeof values?.['count'] === 'number' ? values['count'] : 0;
    let rules = pluralRules.get(language.locale);
    if (!rules) pluralRules.set(language.locale, (rules = new Intl.PluralRules(language.locale)));
    text = message[rules.select(count)] ?? message.other;
  }
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value, language.code) : value;
  });
}

/** The interface text of every language, read once from i18n/ (again in development after a change there). */
export class InterfaceTexts {
  private readonly messages: ReadonlyMap<string, ReadonlyMap<string, Message>>;
  private readonly found: readonly Problem[];
  private readonly texts = new Map<string, InterfaceText>();

  private constructor(messages: ReadonlyMap<string, ReadonlyMap<string, Message>>, problems: readonly Problem[]) {
    this.messages = messages;
    this.found = problems;
  }

  /** Reads i18n/<code>.yml of every language. English must read; another language's faults fall back to English. */
  static read(dir: string): InterfaceTexts {
    const messages = new Map<string, Map<string, Message>>();
    const problems: Problem[] = [];
    const lines = new Map<string, string[]>();
    for (const language of LANGUAGES) {
      const file = `${language.code}.yml`;
      try {
        const text = readFileSync(path.join(dir, file), 'utf8');
        lines.set(file, text.split(/\r?\n/));
        const own = new Map<string, Message>();
        const bad: string[] = [];
        flatten(parseYaml(text), '', own, bad);
        for (const key of bad) problems.push(problemAt(file, lineAt(lines.get(file)!, key), `${key} must be text, or plural forms (one: …, other: …)`));
        messages.set(language.code, own);
      } catch (error) {
        if (language === DEFAULT_LANGUAGE) throw new Error(`cannot read the interface text ${path.join(dir, file)}`, { cause: error });
        const mark = yamlErrorMark(error);
        problems.push(problemAt(file, (mark?.line ?? 0) + 1, mark ? mark.reason : `cannot be read: ${String(error)}`));
        messages.set(language.code, new Map());
      }
    }
    problems.push(...compare(messages, lines));
    return new InterfaceTexts(messages, problems);
  }

  /** Missing or unknown keys, placeholders that differ from English's, unreadable files: for `npm run check`. */
  problems(): readonly Problem[] {
    return this.found;
  }

  of(language: Language): InterfaceText {
    let text = this.texts.get(language.code);
    if (!text) {
      const reference = this.messages.get(DEFAULT_LANGUAGE.code)!;
      const own = this.messages.get(language.code) ?? reference;
      const t: Translate = (key, values) => {
        // A key missing from a translation shows in English (npm run check reports it); a key English lacks is a bug.
        const message = own.get(key) ?? reference.get(key);
        if (message === undefined) throw new Error(`no interface text "${key}" in i18n/${DEFAULT_LANGUAGE.code}.yml`);
        return fill(own.has(key) ? language : DEFAULT_LANGUAGE, message, values);
      };
      text = { language, t };
      this.texts.set(language.code, text);
    }
    return text;
  }
}

function lineAt(lines: readonly string[], key: string): number {
  return lineOfPath(lines, key.split('.')) + 1;
}

function compare(messages: ReadonlyMap<string, ReadonlyMap<string, Message>>, lines: ReadonlyMap<string, string[]>): Problem[] {
  const reference = messages.get(DEFAULT_LANGUAGE.code)!;
  const problems: Problem[] = [];
  for (const language of LANGUAGES) {
    if (language === DEFAULT_LANGUAGE) continue;
    const file = `${language.code}.yml`;
    const own = messages.get(language.code)!;
    const at = (key: string): number => lineAt(lines.get(file) ?? [], key);
    if (!lines.has(file)) continue;
    for (const [key, message] of reference) {
      const translated = own.get(key);
      if (translated === undefined) {
        problems.push(problemAt(file, 1, `${key} is missing: ${language.englishName} pages show the English text until it is added`));
      } else if (placeholders(translated) !== placeholders(message)) {
        problems.push(problemAt(file, at(key), `${key} must use the same {names} as in ${DEFAULT_LANGUAGE.code}.yml (${placeholders(message) || 'none'})`));
      }
    }
    for (const key of own.keys()) {
      if (!reference.has(key))
        problems.push(
          problemAt(file, at(key), `${key} is not in ${DEFAULT_LANGUAGE.code}.yml, so nothing shows it: remove it, or check its spelling`, 'warning'),
        );
    }
  }
  return problems;
}

// js-yaml, configured once for every YAML the site reads: front matter, navigation.yml and removed.yml.
import yaml from 'js-yaml';

/**
 * Parses YAML with js-yaml 4's core schema (YAML 1.2): true and false, numbers, null and text, nothing that runs.
 * Not its default schema, whose timestamps turn `updated: 2026-02-30` into 2 March without a word: with this one
 * dates stay text, and the page schema checks them. Throws js-yaml's own error, with its mark.
 */
export function parseYaml(text: string): unknown {
  return yaml.load(text, { schema: yaml.CORE_SCHEMA });
}

/** What js-yaml said went wrong, and on which line of the text it was given (from 0); undefined for other errors. */
export function yamlErrorMark(error: unknown): { reason: string; line: number } | undefined {
  if (!(error instanceof yaml.YAMLException)) return undefined;
  // The types promise a mark, but js-yaml leaves it out of errors raised outside the parser.
  const mark = error.mark as yaml.YAMLException['mark'] | undefined;
  return { reason: error.reason, line: mark?.line ?? 0 };
}

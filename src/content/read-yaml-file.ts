// Reads a YAML data file under content/ (navigation, removed pages) against a schema, reporting errors by line.
import yaml from 'js-yaml';
import type { z } from 'zod';
import { ContentError } from './problem.js';

function lineOfPath(lines: readonly string[], path: readonly PropertyKey[]): number {
  // Walk the path through the text: each key or list index moves the search forward.
  let from = 0;
  for (const step of path) {
    if (typeof step === 'number') {
      let seen = -1;
      for (let index = from; index < lines.length; index += 1) {
        if (/^\s*-\s/.test(lines[index] ?? '')) seen += 1;
        if (seen === step) {
          from = index;
          break;
        }
      }
    } else {
      const found = lines.findIndex((line, index) => index >= from && new RegExp(`^\\s*(-\\s+)?${String(step)}\\s*:`).test(line));
      if (found !== -1) from = found;
    }
  }
  return from + 1;
}

export function readYamlFile<S extends z.ZodType>(file: string, text: string, schema: S): z.output<S> {
  let data: unknown;
  try {
    // js-yaml 4's load() uses the safe default schema: no functions, no regexps, nothing that runs.
    data = yaml.load(text, { filename: file });
  } catch (error) {
    const mark = (error as { mark?: { line: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    throw new ContentError(file, mark ? mark.line + 1 : 1, `invalid YAML: ${reason}`, { cause: error });
  }
  const result = schema.safeParse(data ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const lines = text.split(/\r?\n/);
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    const where = path.length > 0 ? `"${path.join('.')}"` : 'the file';
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    const message = issue.code === 'unrecognized_keys' ? 'is not a known field' : missing ? 'is required' : issue.message;
    throw new ContentError(file, lineOfPath(lines, path), `${where} ${message}`);
  }
  return result.data;
}

// Reads a YAML data file under content/ (navigation, removed pages) against a schema, reporting every fault by line.
import type { z } from 'zod';
import { fieldFaults, type FieldWords } from './field-message.js';
import { parseYaml } from './parse-yaml.js';
import { ContentError } from './problem.js';
import { explainYamlError } from './yaml-error-message.js';

/** What a data file's messages say beyond the fault: its examples and its fields. The lines are its own. */
export type DataFileWords = Omit<FieldWords, 'lines' | 'firstLine'>;

export function readYamlFile<S extends z.ZodType>(file: string, text: string, schema: S, words: DataFileWords): z.output<S> {
  const lines = text.split(/\r?\n/);
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const fault = explainYamlError(error, lines, 1);
    if (!fault) throw error;
    throw new ContentError(file, fault.line, fault.message, { cause: error });
  }
  // zod leaves out the value that was wrong unless asked, and a wrong value could not be told from a missing one.
  const result = schema.safeParse(data ?? {}, { reportInput: true });
  if (!result.success) {
    const [first, ...more] = fieldFaults(result.error.issues, { ...words, lines, firstLine: 1 });
    throw new ContentError(file, first!.line, first!.message, { more });
  }
  return result.data;
}

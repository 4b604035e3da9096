// The removed-pages file (content/removed.yml): addresses taken down on purpose, which answer 410 Gone.
import { z } from 'zod';
import { readYamlFile } from './read-yaml-file.js';

export const REMOVED_FILE = 'removed.yml';

const removedPage = z.strictObject({
  url: z.string().regex(/^\/[a-z0-9/_.-]*$/, 'must be a lowercase page address starting with /'),
  note: z.string().trim().min(1).max(500).optional(),
});

export const removedSchema = z.array(removedPage);
export type RemovedPage = z.output<typeof removedPage>;

export function readRemoved(text: string): RemovedPage[] {
  // An empty file (or one with only comments) is an empty list.
  const emptyAsList = (value: unknown): unknown => (value && typeof value === 'object' && Object.keys(value).length === 0 ? [] : value);
  return readYamlFile(REMOVED_FILE, text, z.preprocess(emptyAsList, removedSchema));
}

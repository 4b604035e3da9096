// The removed-pages file (content/removed.yml): addresses taken down on purpose, which answer 410 Gone.
import { z } from 'zod';
import { readYamlFile, type DataFileWords } from './read-yaml-file.js';

export const REMOVED_FILE = 'removed.yml';

const removedPage = z.strictObject({
  url: z
    .string()
    .regex(/^\/[a-z0-9/_.-]*$/, 'must be a lowercase page address starting with /, such as /un-day-2004')
    // "." and ".." segments: no request reaches such an address (the resolver refuses them), and the export would
    // write its page outside the output folder.
    .refine((url) => !url.split('/').some((segment) => segment === '.' || segment === '..'), 'must not contain "." or ".." between slashes'),
  note: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters').optional(),
});

/** How messages about removed.yml name its parts and what they suggest writing. */
const REMOVED_WORDS: DataFileWords = {
  whole: REMOVED_FILE,
  example: (path) => {
    const entry = 'url: /old-address\nnote: Why the page was taken down, and where to look instead.';
    if (path.length === 0) return `- ${entry.replace('\n', '\n  ')}`;
    return path.length === 1 ? entry : path[1] === 'url' ? '/old-address' : 'Why the page was taken down.';
  },
  fields: () => Object.keys(removedPage.shape),
};

export const removedSchema = z.array(removedPage);
export type RemovedPage = z.output<typeof removedPage>;

export function readRemoved(text: string): RemovedPage[] {
  // An empty file (or one with only comments) is an empty list.
  const emptyAsList = (value: unknown): unknown => (value && typeof value === 'object' && Object.keys(value).length === 0 ? [] : value);
  return readYamlFile(REMOVED_FILE, text, z.preprocess(emptyAsList, removedSchema), REMOVED_WORDS);
}

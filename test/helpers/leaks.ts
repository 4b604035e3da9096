// Text that appears in the project's private files and never in a served page: finding it in a body means a file leaked.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './test-app.js';

export interface LeakMarker {
  /** The file the marker comes from, relative to the project root. */
  readonly file: string;
  readonly marker: string;
}

// In a clone .git is a folder; in a git worktree it is a one-line file naming the real one. Either is private.
const GIT_MARKER: LeakMarker = statSync(path.join(ROOT, '.git')).isDirectory()
  ? { file: '.git/config', marker: '[core]' }
  : { file: '.git', marker: 'gitdir: ' };

// Each marker is checked against its file when the tests load, so a renamed package or function cannot make the
// check pass by matching nothing. Served HTML escapes "<" and shows rendered Markdown, so none of these can appear.
export const LEAK_MARKERS: readonly LeakMarker[] = [
  { file: 'package.json', marker: '"name": "un-in-kyrgyzstan"' },
  { file: 'tsconfig.json', marker: '"compilerOptions"' },
  { file: 'src/app.ts', marker: 'export function createApp' },
  { file: 'src/server.ts', marker: "from './app.js'" },
  { file: 'views/layouts/base.ejs', marker: '<%' },
  { file: 'content/index.md', marker: '---\ntitle:' },
  { file: 'content/navigation.yml', marker: 'primary:' },
  GIT_MARKER,
  { file: 'node_modules/express/package.json', marker: '"name": "express"' },
];

for (const { file, marker } of LEAK_MARKERS) {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  if (!text.includes(marker)) throw new Error(`leak marker ${JSON.stringify(marker)} is not in ${file}; update test/helpers/leaks.ts`);
}

/** The first leak marker found in a body, or undefined. */
export function leakIn(body: Buffer | string): LeakMarker | undefined {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  return LEAK_MARKERS.find(({ marker }) => text.includes(marker));
}

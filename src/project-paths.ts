// Where the project's own folders are: the one place that finds the root, whatever the working directory.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The same code runs from src/ (tsx) and from build/src/ (compiled), so the root is found by its package.json.
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The folders and files the app reads besides content: templates, static files (the default of PUBLIC_DIR), the development client script, data. */
export const PROJECT_PATHS = Object.freeze({
  root: PROJECT_ROOT,
  views: path.join(PROJECT_ROOT, 'views'),
  public: path.join(PROJECT_ROOT, 'public'),
  /** The interface text of each language (i18n/en.yml, i18n/ru.yml). */
  i18n: path.join(PROJECT_ROOT, 'i18n'),
  liveReloadClient: path.join(PROJECT_ROOT, 'src', 'dev', 'live-reload-client.js'),
  /** Passwords the forum refuses: data-files/README.md says where the list comes from. */
  commonPasswords: path.join(PROJECT_ROOT, 'data-files', 'common-passwords.txt'),
});

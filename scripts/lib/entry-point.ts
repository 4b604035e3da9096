// How a child process runs one of our TypeScript entry points: the compiled copy when this code runs compiled, else tsx.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './root.js';

/**
 * The root of the tree this module runs from: the project itself under tsx, or the folder tsc compiled it into
 * (build-test/ for `npm test`, build/ for `npm start`), two levels above this file, scripts/lib/.
 */
const RUNNING_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const COMPILED = path.extname(fileURLToPath(import.meta.url)) === '.js';

/**
 * Node's arguments to run `file` (a .ts path relative to the project root, `scripts/db.ts`) in a child process. The
 * tests run compiled (scripts/test.ts), and a child that loaded tsx again would pay about a second of start-up for
 * it; under tsx (a developer running a file by hand) the source runs as before.
 */
export function entryPointArgs(file: string): string[] {
  if (!file.endsWith('.ts')) throw new Error(`${file} is not a TypeScript entry point`);
  return COMPILED ? [path.join(RUNNING_ROOT, file.replace(/\.ts$/, '.js'))] : ['--import', 'tsx', path.join(ROOT, file)];
}

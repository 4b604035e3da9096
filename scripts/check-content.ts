// `npm run check [dir]`: prints every content problem as file:line: message, and exits 1 if any is an error.
import path from 'node:path';
import { APP_PATHS, APP_PREFIXES } from '../src/app-paths.js';
import { loadConfig } from '../src/config.js';
import { formatProblem } from '../src/content/problem.js';
import { plural } from '../src/lib/words.js';
import { checkContent } from '../src/publish/check-content.js';

const config = loadConfig(process.env);
const contentDir = process.argv[2] ? path.resolve(process.argv[2]) : config.contentDir;
const problems = checkContent(contentDir, config.publicDir, APP_PATHS, APP_PREFIXES);
const prefix = `${path.relative(process.cwd(), contentDir) || '.'}/`;
for (const problem of problems) console.log(formatProblem(problem, prefix));
const errors = problems.filter((problem) => problem.severity === 'error');
const warnings = problems.length - errors.length;
// One file can have several errors: the files are counted apart, so an editor knows how many to open.
const files = new Set(errors.map((problem) => problem.file)).size;
console.log(
  errors.length === 0
    ? `content check passed (${plural(warnings, 'warning')})`
    : `content check failed: ${plural(errors.length, 'error')} in ${plural(files, 'file')}, ${plural(warnings, 'warning')}`,
);
process.exitCode = errors.length > 0 ? 1 : 0;

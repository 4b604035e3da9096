// `npm run check [dir]`: prints every content problem as file:line: message, and exits 1 if any is an error.
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { checkContent, publicDirOf } from '../src/content/check-content.js';
import { formatProblem } from '../src/content/problem.js';

const config = loadConfig(process.env);
const contentDir = process.argv[2] ? path.resolve(process.argv[2]) : config.contentDir;
const problems = checkContent(contentDir, publicDirOf(config.rootDir));
const prefix = `${path.relative(process.cwd(), contentDir) || '.'}/`;
for (const problem of problems) console.log(formatProblem(problem, prefix));
const errors = problems.filter((problem) => problem.severity === 'error').length;
const warnings = problems.length - errors;
console.log(
  errors === 0
    ? `content check passed (${warnings} warning${warnings === 1 ? '' : 's'})`
    : `content check failed: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
);
process.exitCode = errors > 0 ? 1 : 0;

// `npm run check [dir]`: prints every content problem as file:line: message, and exits 1 if any is an error.
import path from 'node:path';
import { APP_PATHS, APP_PREFIXES } from '../src/app-paths.js';
import { loadConfig } from '../src/config.js';
import { formatProblem } from '../src/content/problem.js';
import { plural } from '../src/lib/words.js';
import { checkContent } from '../src/publish/check-content.js';
import { PROJECT_PATHS } from '../src/project-paths.js';
import { InterfaceTexts } from '../src/render/interface-text.js';

const config = loadConfig(process.env);
const contentDir = process.argv[2] ? path.resolve(process.argv[2]) : config.contentDir;
const prefix = `${path.relative(process.cwd(), contentDir) || '.'}/`;
const contentProblems = checkContent(contentDir, config.publicDir, APP_PATHS, APP_PREFIXES, (file) => prefix + file);
for (const problem of contentProblems) console.log(formatProblem(problem, prefix));
// The interface text of each language (i18n/): a key missing from a translation shows in English on its pages.
const textProblems = InterfaceTexts.read(PROJECT_PATHS.i18n).problems();
for (const problem of textProblems) console.log(formatProblem(problem, `${path.relative(process.cwd(), PROJECT_PATHS.i18n)}/`));
const problems = [...contentProblems, ...textProblems];
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

// `npm run export -- dist/`: writes the whole site as static files (see deploy/nginx.conf for serving them).
import path from 'node:path';
import { formatProblem } from '../src/content/problem.js';
import { exportSite } from '../src/export/export-site.js';
import { createLogger } from '../src/lib/logger.js';
import { buildApp } from './lib/build-app.js';

const outDir = path.resolve(process.argv[2] ?? 'dist');
const { app, config } = buildApp({ ...process.env, NODE_ENV: 'production' }, { logger: createLogger({ silent: true }) });
const errors = app.publisher.problems().filter((problem) => problem.severity === 'error');
for (const problem of errors) console.error(formatProblem(problem, 'content/'));
const started = performance.now();
const summary = await exportSite(app, outDir);
const where = path.relative(process.cwd(), outDir) || '.';
console.log(
  `exported ${summary.pages} pages (${summary.files} files, ${summary.redirects} redirects) to ${where} ` +
    `in ${Math.round(performance.now() - started)} ms for ${config.siteUrl}`,
);
if (errors.length > 0) console.error(`warning: ${errors.length} content error(s); broken files were left out`);

// npm run nginx-config -- --dist DIR --listen ADDRESS --app HOST:PORT [--app HOST:PORT …]: deploy/nginx.conf filled in.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { siteConfig } from './lib/nginx.js';

const USAGE = `usage: npm run -s nginx-config -- --dist DIR --listen ADDRESS --app HOST:PORT [--app HOST:PORT …]
  prints deploy/nginx.conf for nginx's http block: the export in DIR, nginx on ADDRESS (80, or 127.0.0.1:8080),
  the app at each HOST:PORT; with two or more --app, the upstream of deploy/nginx-several-servers.conf`;

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({ options: { dist: { type: 'string' }, listen: { type: 'string' }, app: { type: 'string', multiple: true } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const { dist, listen, app = [] } = values;
  if (!dist || !listen || app.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  // nginx reads the folder from wherever it runs: the path must be absolute.
  process.stdout.write(siteConfig({ dist: path.resolve(dist), apps: app, listen }));
}

main();

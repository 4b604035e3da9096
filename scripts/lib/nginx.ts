// Runs nginx with deploy/nginx.conf against an export, for the nginx test and the benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stopChild, waitUntilAnswering } from './child.js';
import { freePort } from './listen.js';
import { ROOT } from './root.js';

export const NGINX = process.env['NGINX_PATH'] ?? '/usr/sbin/nginx';

export function nginxAvailable(): boolean {
  return existsSync(NGINX);
}

/** deploy/nginx.conf with its placeholders filled in. */
export function siteConfig(values: { dist: string; app: string; listen: string }): string {
  return readFileSync(path.join(ROOT, 'deploy', 'nginx.conf'), 'utf8')
    .replaceAll('{{dist}}', values.dist)
    .replaceAll('{{app}}', values.app)
    .replaceAll('{{listen}}', values.listen);
}

export interface RunningNginx {
  readonly origin: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export async function startNginx(options: { dist: string; app: string; workers?: number | 'auto' }): Promise<RunningNginx> {
  const prefix = mkdtempSync(path.join(tmpdir(), 'un-kg-nginx-'));
  const port = await freePort();
  // Debian ships brotli_static as a module; without it, nginx serves gzip and identity only.
  const brotli = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
  const hasBrotli = existsSync(brotli);
  const conf = [
    // Root, because the export and the prefix are private temporary folders; workers would run as nobody.
    'user root;',
    `worker_processes ${options.workers ?? 'auto'};`,
    'daemon off;',
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log warn;`,
    hasBrotli ? `load_module ${brotli};` : '',
    'events { worker_connections 1024; }',
    'http {',
    '  access_log off;',
    `  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fastcgi;`,
    `  uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;`,
    '  sendfile on; tcp_nopush on; keepalive_requests 100000;',
    siteConfig({ dist: options.dist, app: options.app, listen: `127.0.0.1:${port}` }).replace(hasBrotli ? '' : 'brotli_static on;', ''),
    '}',
  ].join('\n');
  writeFileSync(path.join(prefix, 'nginx.conf'), conf);
  const child = spawn(NGINX, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const origin = `http://127.0.0.1:${port}`;
  const errorLog = path.join(prefix, 'error.log');
  const output = (): string => `${stderr}${existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : ''}`;
  await waitUntilAnswering(`${origin}/robots.txt`, child, { name: 'nginx', timeoutMs: 5000, output });
  return {
    origin,
    process: child,
    async stop() {
      await stopChild(child, 'SIGQUIT');
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

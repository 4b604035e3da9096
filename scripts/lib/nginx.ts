// Runs nginx with deploy/nginx.conf against an export, for the nginx test and the benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stopChild } from './stop-child.js';

export const NGINX = process.env['NGINX_PATH'] ?? '/usr/sbin/nginx';

export function nginxAvailable(): boolean {
  return existsSync(NGINX);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** deploy/nginx.conf with its placeholders filled in. */
export function siteConfig(rootDir: string, values: { dist: string; app: string; listen: string }): string {
  return readFileSync(path.join(rootDir, 'deploy', 'nginx.conf'), 'utf8')
    .replaceAll('{{dist}}', values.dist)
    .replaceAll('{{app}}', values.app)
    .replaceAll('{{listen}}', values.listen);
}

export interface RunningNginx {
  readonly origin: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export async function startNginx(rootDir: string, options: { dist: string; app: string; workers?: number | 'auto' }): Promise<RunningNginx> {
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
    `  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fastcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;`,
    '  sendfile on; tcp_nopush on; keepalive_requests 100000;',
    siteConfig(rootDir, { dist: options.dist, app: options.app, listen: `127.0.0.1:${port}` }).replace(hasBrotli ? '' : 'brotli_static on;', ''),
    '}',
  ].join('\n');
  writeFileSync(path.join(prefix, 'nginx.conf'), conf);
  const child = spawn(NGINX, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 5000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited: ${stderr}${existsSync(`${prefix}/error.log`) ? readFileSync(`${prefix}/error.log`, 'utf8') : ''}`);
    try {
      await fetch(`${origin}/robots.txt`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not start: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    origin,
    process: child,
    async stop() {
      await stopChild(child, 'SIGQUIT');
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

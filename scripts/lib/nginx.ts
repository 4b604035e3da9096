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

/** The upstream block of deploy/nginx.conf: the one part a setup of several app servers replaces. */
const UPSTREAM_BLOCK = /^upstream un_kg_app \{\n(?:.*\n)*?\}\n/m;

export interface SiteValues {
  /** The export folder. */
  readonly dist: string;
  /** Each app server's address (host:port): one for deploy/nginx.conf, more for deploy/nginx-several-servers.conf. */
  readonly apps: readonly string[];
  /** nginx's own address. */
  readonly listen: string;
}

/**
 * deploy/nginx.conf with its placeholders filled in. With several app servers its upstream block is replaced by
 * deploy/nginx-several-servers.conf, given a `server` line for each: the rest of the file is shared.
 */
export function siteConfig(values: SiteValues): string {
  const [first, ...others] = values.apps;
  if (first === undefined) throw new Error('nginx needs the address of at least one app server');
  let site = readFileSync(path.join(ROOT, 'deploy', 'nginx.conf'), 'utf8');
  if (others.length > 0) {
    const variant = readFileSync(path.join(ROOT, 'deploy', 'nginx-several-servers.conf'), 'utf8');
    const template = /^ *server \{\{app1\}\}.*\n/m.exec(variant)?.[0];
    if (!template || !UPSTREAM_BLOCK.test(site)) throw new Error('deploy/nginx-several-servers.conf no longer fits deploy/nginx.conf');
    const servers = values.apps.map((app) => template.replace('{{app1}}', app)).join('');
    // The file's opening comment (up to the first blank line) is about the file, not for the composed configuration.
    const body = variant.slice(variant.indexOf('\n\n') + 2);
    const upstream = body.replace(/^ *server \{\{app\d+\}\}.*\n/gm, '').replace(/(upstream un_kg_app \{\n)/, `$1${servers}`);
    site = site.replace(UPSTREAM_BLOCK, upstream.trim() + '\n');
  }
  return site.replaceAll('{{dist}}', values.dist).replaceAll('{{app}}', first).replaceAll('{{listen}}', values.listen);
}

export interface RunningNginx {
  readonly origin: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export interface NginxOptions {
  readonly dist: string;
  /** The app server's address (host:port), or several: see siteConfig(). */
  readonly app: string | readonly string[];
  readonly workers?: number | 'auto';
  /** The port to listen on (a free one unless given): app servers that must know nginx's address start first. */
  readonly port?: number;
}

export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const prefix = mkdtempSync(path.join(tmpdir(), 'un-kg-nginx-'));
  const port = options.port ?? (await freePort());
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
    siteConfig({ dist: options.dist, apps: typeof options.app === 'string' ? [options.app] : options.app, listen: `127.0.0.1:${port}` }).replace(
      hasBrotli ? '' : 'brotli_static on;',
      '',
    ),
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

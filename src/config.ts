// Reads the environment once into a typed, frozen Config: one table of variable, parser and default.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './project-paths.js';
import type { DatabaseOptions } from './db/database.js';

export type Environment = 'development' | 'production' | 'test';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Absolute origin used where a link must be absolute (canonical, sitemap, feeds), without a trailing slash. */
  readonly siteUrl: string;
  readonly contentDir: string;
  /** Folder of images, documents, CSS: served as they are, and fingerprinted. */
  readonly publicDir: string;
  readonly env: Environment;
  /** Folder for the SQLite database (forum and statistics) and caches; ":memory:" keeps it in memory (the default in tests). */
  readonly dataDir: string;
  /** PostgreSQL for the forum and statistics (postgres:// or postgresql://); unset, they use SQLite under dataDir. */
  readonly databaseUrl: string | undefined;
  /** PostgreSQL: the schema holding the site's tables (public unless set), so the site can share a database. */
  readonly databaseSchema: string | undefined;
  /**
   * PostgreSQL: the most connections one server process holds. Every server (and WORKERS process) holds its own pool,
   * so servers × workers × this must stay under the server's max_connections (100 by default) with room for psql.
   */
  readonly databasePoolSize: number;
  /**
   * PostgreSQL: how long a request waits for a connection (a new one, or a free one of the pool) before it fails, and
   * the page answers 503, rather than holding the visitor while the database is unreachable or overwhelmed.
   */
  readonly databaseWaitMs: number;
  /** Whether page views are counted (on unless STATS=off). */
  readonly stats: boolean;
  /** Server processes sharing the port (Node cluster); 1 by default, at most one per core is useful. */
  readonly workers: number;
  /**
   * Whether requests come through one reverse proxy (deploy/nginx.conf) that appends the client's address to
   * X-Forwarded-For: the forum's per-client rate limits then count that address, not the proxy's. Off by default,
   * because without such a proxy the header is whatever the client wrote.
   */
  readonly trustProxy: boolean;
  /**
   * Searches under way at once in each server process; more are answered 503 with Retry-After. Each waits for the ones
   * before it on the search thread, so this bounds how long an admitted search can take (README, "Measured figures").
   */
  readonly searchConcurrency: number;
  /** Result pages kept per process for repeated queries, emptied when content changes. */
  readonly searchCache: number;
  /** Project root: views/ lives here whatever the working directory is. */
  readonly rootDir: string;
  /** Where resized images are kept across restarts (under DATA_DIR); undefined keeps them in memory (DATA_DIR=:memory:). */
  readonly imageCacheDir: string | undefined;
}

export class ConfigError extends Error {}

const rootDir = PROJECT_ROOT;

// Digits only: Number() would also take "0x50", "1e3" and " 80", which no one means as a port.
function parsePort(raw: string): number {
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be an integer from 0 to 65535, got "${raw}"`);
  return port;
}

function parseSiteUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`SITE_URL must be an absolute URL such as https://un.org.kg, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`SITE_URL must use http or https, got "${raw}"`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function parseSwitch(variable: string) {
  return (raw: string): boolean => {
    if (/^(on|true|1|yes)$/i.test(raw)) return true;
    if (/^(off|false|0|no)$/i.test(raw)) return false;
    throw new ConfigError(`${variable} must be on or off, got "${raw}"`);
  };
}

/** The URL is validated without ever repeating it: it may carry a password, and this message reaches logs. */
function parseDatabaseUrl(raw: string): string | undefined {
  if (raw === '') return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase();
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got ${scheme === undefined ? 'no scheme' : `"${scheme}:"`}`);
  }
  if (!URL.canParse(raw)) throw new ConfigError('DATABASE_URL is not a valid URL (its value is not repeated here, as it may hold a password)');
  return raw;
}

function parseSchema(raw: string): string | undefined {
  if (raw === '') return undefined;
  // Written into `set search_path`, so only a plain lower-case identifier: never quoted, never interpolated as typed.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) throw new ConfigError(`DATABASE_SCHEMA must be a lower-case name of letters, digits and _, got "${raw}"`);
  return raw;
}

function parsePoolSize(raw: string): number {
  const size = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(size) || size < 1 || size > 100) throw new ConfigError(`DATABASE_POOL_SIZE must be a whole number from 1 to 100, got "${raw}"`);
  return size;
}

function parseWorkers(raw: string): number {
  const workers = raw === 'auto' ? availableParallelism() : /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new ConfigError(`WORKERS must be a whole number from 1 to 64, or auto, got "${raw}"`);
  return workers;
}

function parseCount(variable: string, min: number, max: number) {
  return (raw: string): number => {
    const value = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${variable} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return value;
  };
}

function parseEnv(raw: string): Environment {
  if (raw === 'development' || raw === 'production' || raw === 'test') return raw;
  throw new ConfigError(`NODE_ENV must be development, production or test, got "${raw}"`);
}

type Table = {
  [K in keyof Omit<Config, 'rootDir' | 'imageCacheDir'>]: {
    variable: string;
    parse: (raw: string) => Config[K];
    fallback: (partial: Partial<Config>) => string;
  };
};

const table: Table = {
  port: { variable: 'PORT', parse: parsePort, fallback: () => '3000' },
  host: { variable: 'HOST', parse: (raw) => raw, fallback: () => '0.0.0.0' },
  // production by default, so `npm start` never shows drafts; `npm run dev` passes --dev.
  env: { variable: 'NODE_ENV', parse: parseEnv, fallback: () => 'production' },
  siteUrl: { variable: 'SITE_URL', parse: parseSiteUrl, fallback: (c) => `http://localhost:${c.port ?? 3000}` },
  contentDir: { variable: 'CONTENT_DIR', parse: (raw) => path.resolve(rootDir, raw), fallback: () => 'content' },
  publicDir: { variable: 'PUBLIC_DIR', parse: (raw) => path.resolve(rootDir, raw), fallback: () => 'public' },
  // Tests get a database in memory, so parallel test files never share or leave a file.
  dataDir: {
    variable: 'DATA_DIR',
    parse: (raw) => (raw === ':memory:' ? raw : path.resolve(rootDir, raw)),
    fallback: (c) => (c.env === 'test' ? ':memory:' : 'data'),
  },
  // Unset: SQLite under DATA_DIR, so `npm start` needs nothing else.
  databaseUrl: { variable: 'DATABASE_URL', parse: parseDatabaseUrl, fallback: () => '' },
  databaseSchema: { variable: 'DATABASE_SCHEMA', parse: parseSchema, fallback: () => '' },
  // 10: the forum's queries take milliseconds, so 10 connections serve hundreds of writes a second per server.
  databasePoolSize: { variable: 'DATABASE_POOL_SIZE', parse: parsePoolSize, fallback: () => '10' },
  // 5 s: a database that is down fails a request within seconds (a 503), not when the visitor's browser gives up.
  databaseWaitMs: { variable: 'DATABASE_WAIT_MS', parse: parseCount('DATABASE_WAIT_MS', 100, 600_000), fallback: () => '5000' },
  stats: { variable: 'STATS', parse: parseSwitch('STATS'), fallback: () => 'on' },
  workers: { variable: 'WORKERS', parse: parseWorkers, fallback: () => '1' },
  trustProxy: { variable: 'TRUST_PROXY', parse: parseSwitch('TRUST_PROXY'), fallback: () => 'off' },
  // 8 searches of a 10,000-page site are about 100 ms of the search thread's work: an admitted search waits no longer.
  searchConcurrency: { variable: 'SEARCH_CONCURRENCY', parse: parseCount('SEARCH_CONCURRENCY', 1, 1000), fallback: () => '8' },
  // A result page is a few kilobytes: 1,000 of them are a few megabytes.
  searchCache: { variable: 'SEARCH_CACHE', parse: parseCount('SEARCH_CACHE', 1, 100_000), fallback: () => '1000' },
};

/** How the forum's database is opened (openDatabase's options), the same for the app and every command. */
export function databaseOptions(config: Config): DatabaseOptions {
  return {
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    schema: config.databaseSchema,
    poolSize: config.databasePoolSize,
    waitMs: config.databaseWaitMs,
  };
}

/** The one command-line flag: `--dev` is NODE_ENV=development, written so that cmd.exe and PowerShell can run it too. */
export const DEV_FLAG = '--dev';

/**
 * Builds the config from an environment (process.env in server.ts, a literal in tests) and the command line's
 * arguments after the script. `--dev` wins over NODE_ENV: it is the more specific of the two.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = {}, args: readonly string[] = []): Config {
  const source = args.includes(DEV_FLAG) ? { ...env, NODE_ENV: 'development' } : env;
  const config: Partial<Config> & { rootDir: string } = { rootDir };
  for (const key of Object.keys(table) as (keyof Table)[]) {
    const entry = table[key];
    const raw = source[entry.variable];
    const value = raw === undefined || raw === '' ? entry.fallback(config) : raw;
    (config as Record<string, unknown>)[key] = entry.parse(value);
  }
  const dataDir = config.dataDir!;
  return Object.freeze({ ...config, imageCacheDir: dataDir === ':memory:' ? undefined : path.join(dataDir, 'image-variants') } as Config);
}

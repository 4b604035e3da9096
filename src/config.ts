// Reads the environment once into a typed, frozen Config: one table of variable, parser and default.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './project-paths.js';

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

function parseWorkers(raw: string): number {
  const workers = raw === 'auto' ? availableParallelism() : /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new ConfigError(`WORKERS must be a whole number from 1 to 64, or auto, got "${raw}"`);
  return workers;
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
  stats: { variable: 'STATS', parse: parseSwitch('STATS'), fallback: () => 'on' },
  workers: { variable: 'WORKERS', parse: parseWorkers, fallback: () => '1' },
  trustProxy: { variable: 'TRUST_PROXY', parse: parseSwitch('TRUST_PROXY'), fallback: () => 'off' },
};

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

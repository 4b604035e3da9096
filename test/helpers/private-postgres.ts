// A PostgreSQL server of one test's own (initdb in a temporary folder), which the test may stop and start at will.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/lib/listen.js';

const run = promisify(execFile);
const ROOT_DIR = '/usr/lib/postgresql';

/** The newest installed PostgreSQL's programs (Debian's layout), or undefined when there is none. */
export function postgresBin(): string | undefined {
  if (!existsSync(ROOT_DIR)) return undefined;
  const newest = readdirSync(ROOT_DIR)
    .filter((version) => existsSync(path.join(ROOT_DIR, version, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(a) - Number(b))
    .at(-1);
  return newest === undefined ? undefined : path.join(ROOT_DIR, newest, 'bin');
}

export interface PrivatePostgres {
  /** postgresql://… of the server's own database, trusting local connections (it listens on loopback only). */
  readonly url: string;
  /** Stops the server as an operator's restart does (fast shutdown: sessions are ended, committed work is kept). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  remove(): Promise<void>;
}

/**
 * initdb and pg_ctl as the `postgres` user when run as root (PostgreSQL refuses to run as root), else as this user.
 * The cluster is the test's alone, so stopping it disturbs no other test file: the shared test cluster is never touched.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const asRoot = userInfo().uid === 0;
  const owner = asRoot ? 'postgres' : userInfo().username;
  const pg = (program: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args]) : run(path.join(bin, program), args);
  const dir = mkdtempSync(path.join(tmpdir(), 'un-kg-postgres-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(group.trim()));
  }
  const data = path.join(dir, 'data');
  // No fsync anywhere: a test's cluster is thrown away, and a restart (not a power cut) keeps committed work anyway.
  await pg('initdb', ['--pgdata', data, '--auth', 'trust', '--username', owner, '--no-sync', '--no-instructions']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const start = async (): Promise<void> =>
    void (await pg('pg_ctl', ['--pgdata', data, '--options', options, '--log', path.join(dir, 'log'), '--wait', 'start']));
  const stop = async (): Promise<void> => void (await pg('pg_ctl', ['--pgdata', data, '--mode', 'fast', '--wait', 'stop']));
  await start();
  let running = true;
  return {
    url: `postgresql://${owner}@127.0.0.1:${port}/postgres`,
    async stop() {
      await stop();
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async remove() {
      if (running) await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

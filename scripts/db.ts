// npm run db -- migrate | status: the database's migrations, run or listed, as a deploy step before servers start.
import { databaseOptions, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrationStates } from '../src/db/migrate.js';
import type { Kysely } from 'kysely';

const USAGE = `usage:
  npm run db -- migrate   bring the database (DATABASE_URL, or DATA_DIR/forum.sqlite) to the newest migration; safe while servers run
  npm run db -- status    list each migration and when it ran, without changing anything; exits 3 when some have not run`;

/** Exit codes: 0 done (status: all migrations have run), 1 failed, 2 wrong usage, 3 status: migrations not yet run. */
function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if ((command !== 'migrate' && command !== 'status') || rest.length > 0) fail(USAGE, 2);
  const config = loadConfig(process.env);
  if (config.dataDir === ':memory:' && !config.databaseUrl) fail('DATA_DIR is :memory:, so there is no database to migrate.');
  // Migrating takes the same lock as a server starting (an advisory lock on PostgreSQL, the write lock on SQLite), so
  // running this while servers start or serve is safe: whoever comes second finds nothing left to do.
  const database = await openDatabase({ ...databaseOptions(config), migrate: command === 'migrate' });
  try {
    const states = await migrationStates(database.db as Kysely<unknown>, database.engine, config.databaseSchema);
    const pending = states.filter((state) => state.executedAt === undefined);
    process.stdout.write(`${database.engine === 'postgres' ? 'PostgreSQL' : 'SQLite'} at ${database.location}\n`);
    for (const state of states) process.stdout.write(`${state.name}  ${state.executedAt ? `ran ${state.executedAt.toISOString()}` : 'not yet run'}\n`);
    if (command === 'migrate') process.stdout.write('The database is at the newest migration.\n');
    else if (pending.length > 0) {
      process.stdout.write(
        `${pending.length} migration${pending.length === 1 ? '' : 's'} not yet run: npm run db -- migrate (servers also run them at start).\n`,
      );
      process.exitCode = 3;
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));

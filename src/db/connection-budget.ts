// Whether PostgreSQL's max_connections leaves room for this server's pools: read at start, said once in the log.
import { sql, type Kysely } from 'kysely';
import type { Logger } from '../lib/logger.js';
import type { ForumDatabase } from './database.js';
import type { DatabaseSchema } from './schema.js';

/** PostgreSQL's connection settings, as SHOW gives them. */
export interface ConnectionLimits {
  readonly maxConnections: number;
  /** superuser_reserved_connections: kept for superusers (3 by default). */
  readonly superuserReserved: number;
  /** reserved_connections (PostgreSQL 16 on): kept for roles with pg_use_reserved_connections; 0 before 16. */
  readonly reserved: number;
}

/** What one server process may hold: WORKERS processes, each with a pool of DATABASE_POOL_SIZE. */
export interface ServerPools {
  readonly workers: number;
  readonly poolSize: number;
}

export interface ConnectionBudget {
  /** The connections one server (all its WORKERS) may hold at most. */
  readonly perServer: number;
  /** What max_connections leaves to ordinary roles, such as the site's. */
  readonly available: number;
  /** How many such servers fit in it. */
  readonly servers: number;
  /** Under two servers: a second server, a deploy's migration or an operator's psql may be refused a connection. */
  readonly tight: boolean;
}

export async function readConnectionLimits(db: Kysely<DatabaseSchema>): Promise<ConnectionLimits> {
  // current_setting(name, true) is null for a setting this version lacks (reserved_connections before 16).
  const { rows } = await sql<{ max: string; superuser: string; reserved: string | null }>`
    select current_setting('max_connections') as max, current_setting('superuser_reserved_connections') as superuser,
      current_setting('reserved_connections', true) as reserved`.execute(db);
  const row = rows[0]!;
  return { maxConnections: Number(row.max), superuserReserved: Number(row.superuser), reserved: Number(row.reserved ?? 0) };
}

export function connectionBudget(limits: ConnectionLimits, pools: ServerPools): ConnectionBudget {
  const perServer = pools.workers * pools.poolSize;
  const available = Math.max(0, limits.maxConnections - limits.superuserReserved - limits.reserved);
  const servers = Math.floor(available / perServer);
  return { perServer, available, servers, tight: servers < 2 };
}

/** The log line's fields: the settings by name, the figures, and what they allow. */
function budgetFields(limits: ConnectionLimits, pools: ServerPools, budget: ConnectionBudget): Record<string, unknown> {
  return {
    WORKERS: pools.workers,
    DATABASE_POOL_SIZE: pools.poolSize,
    connectionsPerServer: budget.perServer,
    max_connections: limits.maxConnections,
    superuser_reserved_connections: limits.superuserReserved,
    reserved_connections: limits.reserved,
    available: budget.available,
    serversThatFit: budget.servers,
  };
}

/**
 * Logs, once, whether PostgreSQL has connections enough for this server: a warning, with the fix, when fewer than two
 * servers like it fit (a connection refused past max_connections fails a forum request with 503), else one info line
 * with the figures, for the operator who knows how many servers there are. SQLite has no such limit: nothing is said.
 */
export async function reportConnectionBudget(database: ForumDatabase, pools: ServerPools, logger: Logger): Promise<ConnectionBudget | undefined> {
  if (database.engine !== 'postgres') return undefined;
  const limits = await readConnectionLimits(database.db);
  const budget = connectionBudget(limits, pools);
  const fields = budgetFields(limits, pools, budget);
  const figures =
    `each server holds up to WORKERS (${pools.workers}) × DATABASE_POOL_SIZE (${pools.poolSize}) = ${budget.perServer} PostgreSQL connections; ` +
    `max_connections (${limits.maxConnections}) less the reserved ones (${limits.superuserReserved + limits.reserved}) leaves ${budget.available}`;
  if (budget.tight) {
    logger.warn(
      `PostgreSQL may refuse connections: ${figures}, enough for ${budget.servers} server${budget.servers === 1 ? '' : 's'}. ` +
        'Lower DATABASE_POOL_SIZE or WORKERS so that servers × WORKERS × DATABASE_POOL_SIZE stays under it with room for psql and migrations, ' +
        'or raise max_connections in postgresql.conf (a restart of PostgreSQL)',
      fields,
    );
  } else {
    logger.info(`${figures}: enough for ${budget.servers} servers`, fields);
  }
  return budget;
}

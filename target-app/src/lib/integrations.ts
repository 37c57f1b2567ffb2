// The services the integration manager starts after the database: the schema check, Redis, and the
// presence sweeper (a background job). Only the schema check can stop the startup, and only when it
// positively finds the schema wrong — not when the database blips during the check.
import type { Cache } from './cache.ts';
import { isDatabaseUnavailable } from './error-mapping.ts';
import type { Logger } from './logger.ts';
import type { Database } from './prisma.ts';
import { ServiceTimeoutError, type Integration } from './service-integration-manager.ts';

/** Every table the Prisma schema maps to (kept equal to it by prisma/schema-match.test.ts). */
export const EXPECTED_TABLES = [
  'users',
  'organizers',
  'venues',
  'artists',
  'events',
  'event_artists',
  'follows',
  'tickets',
  'chat_messages',
  'user_preferences',
  'phone_verification_codes',
] as const;

export class SchemaMismatchError extends Error {
  readonly code = 'SCHEMA_MISMATCH';
  constructor(message: string) {
    super(message);
    this.name = 'SchemaMismatchError';
  }
}

export function schemaIntegration(database: Database): Integration {
  const verify = async (): Promise<Record<string, unknown>> => {
    const tables = await database.prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`;
    const present = new Set(tables.map((row) => row.table_name));
    const missing = EXPECTED_TABLES.filter((table) => !present.has(table));
    if (!present.has('_prisma_migrations'))
      throw new SchemaMismatchError('no _prisma_migrations table: migrations were never applied');
    if (missing.length > 0) throw new SchemaMismatchError(`missing tables: ${missing.join(', ')}`);
    const [row] = await database.prisma.$queryRaw<{ applied: bigint; unfinished: bigint }[]>`
      SELECT count(*) FILTER (WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL) AS applied,
             count(*) FILTER (WHERE finished_at IS NULL AND rolled_back_at IS NULL) AS unfinished
      FROM "_prisma_migrations"`;
    if (row !== undefined && row.unfinished > 0n)
      throw new SchemaMismatchError(`${row.unfinished} migration(s) started but never finished`);
    return { tables: EXPECTED_TABLES.length, migrationsApplied: Number(row?.applied ?? 0) };
  };
  let detail: Record<string, unknown> = {};
  return {
    name: 'schema',
    critical: true,
    async init() {
      detail = await verify();
    },
    // A database blip is not a wrong schema: a check that failed to reach the database, or that the
    // database made too slow to finish within the service timeout, does not stop the startup. Only a
    // SchemaMismatchError (the schema positively wrong) does.
    tolerates: (error) => isDatabaseUnavailable(error) || error instanceof ServiceTimeoutError,
    async check() {
      return Object.keys(detail).length > 0
        ? { status: 'up', detail }
        : { status: 'degraded', error: 'schema not verified yet' };
    },
  };
}

export function redisIntegration(cache: Cache, critical: boolean): Integration {
  return {
    name: 'redis',
    critical,
    init: () => cache.connect(),
    async check() {
      if (!cache.enabled) return { status: 'disabled' };
      try {
        return { status: 'up', latencyMs: await cache.ping() };
      } catch (error) {
        return { status: critical ? 'down' : 'degraded', error: (error as Error).message };
      }
    },
    close: () => cache.close(),
  };
}

/** Counts users seen in the last five minutes, every `intervalMs`, into the cache. */
export function presenceSweeper(database: Database, cache: Cache, logger: Logger, intervalMs = 30_000): Integration {
  let timer: NodeJS.Timeout | undefined;
  let last: { at: Date; online: number } | null = null;
  let lastError: string | null = null;
  const sweep = async (): Promise<void> => {
    try {
      const since = new Date(Date.now() - 5 * 60_000);
      const online = await database.prisma.user.count({ where: { deletedAt: null, lastSeen: { gte: since } } });
      last = { at: new Date(), online };
      lastError = null;
      await cache.setJson('presence:online', online, Math.ceil((intervalMs * 2) / 1000));
    } catch (error) {
      lastError = (error as Error).message;
      logger.warn({ event: 'job.failed', job: 'presence-sweeper', err: error }, 'presence sweep failed; will retry');
    }
  };
  return {
    name: 'presence-sweeper',
    critical: false,
    async init() {
      timer = setInterval(() => void sweep(), intervalMs);
      timer.unref();
      await sweep();
    },
    async check() {
      if (lastError !== null) return { status: 'degraded', error: lastError };
      return { status: 'up', detail: last === null ? {} : { lastRunAt: last.at.toISOString(), online: last.online } };
    },
    async close() {
      clearInterval(timer);
    },
  };
}

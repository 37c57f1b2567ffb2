// Everything the service reads from its environment, validated once at startup.
import { parseBugs, type Bug } from './bugs.ts';

export interface Settings {
  databaseUrl: string;
  port: number;
  apiKey: string;
  /** Connection attempts at startup before giving up (exit 1); backoff doubles from 250 ms to 4 s. */
  connectAttempts: number;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
  /** While the database is down: how often to try it again. While up: how often to ping it. */
  recheckMs: number;
  bugs: Set<Bug>;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const databaseUrl = env.LIBRARY_DB;
  if (databaseUrl === undefined || databaseUrl === '') throw new Error('LIBRARY_DB (a PostgreSQL URL) is required');
  return {
    databaseUrl,
    port: integer(env, 'HTTP_PORT', 8080, 0),
    apiKey: env.LIBRARY_API_KEY ?? 'library-dev-key',
    connectAttempts: integer(env, 'CONNECT_ATTEMPTS', 8, 1),
    connectTimeoutMs: integer(env, 'CONNECT_TIMEOUT_MS', 2_000, 100),
    queryTimeoutMs: integer(env, 'QUERY_TIMEOUT_MS', 2_000, 100),
    recheckMs: integer(env, 'RECHECK_MS', 1_000, 50),
    bugs: parseBugs(env.LIBRARY_BUGS),
  };
}

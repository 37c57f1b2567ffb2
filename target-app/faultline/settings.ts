// The settings the harness starts the reference app with. Its bounds (how long startup may retry, how
// long a query may hang) derive from these same numbers, here and in the scenarios.
import { randomBytes } from 'node:crypto';

export const DEFAULT_APP_SETTINGS: Readonly<Record<string, string>> = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  DB_CONNECT_MAX_RETRIES: '8',
  DB_CONNECT_DELAY_MS: '250',
  DB_CONNECT_MAX_DELAY_MS: '2000',
  DB_POOL_MAX: '10',
  DB_CONNECTION_TIMEOUT_MS: '2000',
  DB_QUERY_TIMEOUT_MS: '3000',
  DB_RECONNECT_INTERVAL_MS: '500',
  REDIS_CONNECT_TIMEOUT_MS: '500',
  // A connection wait plus a query timeout plus slack: the schema check at startup does both.
  SERVICE_INIT_TIMEOUT_MS: '6000',
  SHUTDOWN_TIMEOUT_MS: '5000',
};

/** A fresh signing secret per environment: tokens of one run are worthless in the next. */
export function newJwtSecret(): string {
  return randomBytes(24).toString('hex');
}

// The app settings a harness run starts the target app with. The bounds the checks use (how long
// startup may retry, how long a query may hang) are derived from these same numbers.
import { randomBytes } from 'node:crypto';
import { ejectionBoundMs, type HealthCheckSettings } from '../balancer/health-check.ts';

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

/** What the drain adds to the balancer's ejection bound: a health check's answer on a busy machine. */
export const DRAIN_SLACK_MS = 1_000;

/** How long instances behind a balancer with these checks drain: its ejection bound plus slack. */
export function drainMsFor(healthCheck: Omit<HealthCheckSettings, 'path'>): number {
  return ejectionBoundMs(healthCheck) + DRAIN_SLACK_MS;
}

export function newJwtSecret(): string {
  return randomBytes(24).toString('hex');
}

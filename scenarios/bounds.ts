// Bounds the scenarios use, derived from the settings the harness starts the app with
// (harness/environment/embedded/app-settings.ts) plus stated slack — never tuned to one machine.
import { DEFAULT_APP_SETTINGS } from '../harness/environment/embedded/app-settings.ts';

const setting = (name: string): number => Number(DEFAULT_APP_SETTINGS[name]);

/** The longest the app waits between two startup connection attempts. */
export const CONNECT_MAX_DELAY_MS = setting('DB_CONNECT_MAX_DELAY_MS');
/** How long one connection attempt may take before it fails. */
export const CONNECTION_TIMEOUT_MS = setting('DB_CONNECTION_TIMEOUT_MS');
/** How long a query may hang before the pool gives up on it. */
export const QUERY_TIMEOUT_MS = setting('DB_QUERY_TIMEOUT_MS');
/** The runtime reconnection loop's interval. */
export const RECONNECT_INTERVAL_MS = setting('DB_RECONNECT_INTERVAL_MS');

/** The whole startup retry budget, jitter at its maximum. */
export const CONNECT_BUDGET_MS = (() => {
  let total = 0;
  for (let attempt = 0; attempt < setting('DB_CONNECT_MAX_RETRIES'); attempt += 1) total += Math.min(CONNECT_MAX_DELAY_MS, setting('DB_CONNECT_DELAY_MS') * 2 ** attempt);
  return total + (setting('DB_CONNECT_MAX_RETRIES') + 1) * CONNECTION_TIMEOUT_MS;
})();

/** Slack for a busy shared machine: process start, tsx transpiling, a scheduler hiccup. */
export const MACHINE_SLACK_MS = 5_000;

/** After the database is back, the app is serving within one reconnect (or backoff) step plus a query. */
export const RECOVERY_BOUND_MS = Math.max(RECONNECT_INTERVAL_MS, CONNECT_MAX_DELAY_MS) + QUERY_TIMEOUT_MS + MACHINE_SLACK_MS;

/**
 * A health endpoint reflects a change within one reconnect step and one connection attempt, plus
 * slack for the 100 ms probe period and a busy machine. It must stay well below the outages the
 * scenarios inject, or nothing could be compared.
 */
export const HEALTH_LAG_MS = RECONNECT_INTERVAL_MS + CONNECTION_TIMEOUT_MS + 2_000;

// Bounds of the reference app's own scenarios: the catalog's derivations (harness/scenario/bounds.ts)
// from the settings the app starts with, plus what only this app has (its retry budget's setting,
// its pool size, its token cache) — never tuned to one machine.
import { MACHINE_SLACK_MS, scenarioBounds } from '../../../harness/scenario/bounds.ts';
import { referenceBounds } from '../bounds.ts';
import { DEFAULT_APP_SETTINGS } from '../settings.ts';

export { MACHINE_SLACK_MS } from '../../../harness/scenario/bounds.ts';

const setting = (name: string): number => Number(DEFAULT_APP_SETTINGS[name]);
const bounds = scenarioBounds(referenceBounds(DEFAULT_APP_SETTINGS));

export const CONNECTION_TIMEOUT_MS = bounds.connectionTimeoutMs;
export const QUERY_TIMEOUT_MS = bounds.queryTimeoutMs;
export const RECOVERY_BOUND_MS = bounds.recoveryMs;
export const HEALTH_LAG_MS = bounds.healthLagMs;
export const DB_FAULT_REQUEST_BUDGET_MS = bounds.dbFaultRequestMs;
export const TWO_QUERY_REQUEST_BUDGET_MS = bounds.twoQueryRequestMs;

/** Each backoff delay of the startup retries, attempt by attempt. */
function backoffDelaysMs(maxRetries: number): number[] {
  return Array.from({ length: maxRetries }, (_, attempt) =>
    Math.min(setting('DB_CONNECT_MAX_DELAY_MS'), setting('DB_CONNECT_DELAY_MS') * 2 ** attempt),
  );
}

/**
 * The whole startup retry budget, jitter at its maximum: every backoff delay plus one connection
 * timeout per attempt. A scenario that shortens the budget (app.env DB_CONNECT_MAX_RETRIES) passes
 * the same number here, so its bound follows its own setting.
 */
export function connectBudgetMs(maxRetries = setting('DB_CONNECT_MAX_RETRIES')): number {
  return backoffDelaysMs(maxRetries).reduce((sum, delay) => sum + delay, 0) + (maxRetries + 1) * CONNECTION_TIMEOUT_MS;
}

/**
 * The least time the startup keeps retrying before it gives up: every backoff delay at the low end
 * of its jitter (half), attempts that fail at once (a refused connection takes no time).
 */
export function minConnectBudgetMs(maxRetries = setting('DB_CONNECT_MAX_RETRIES')): number {
  return backoffDelaysMs(maxRetries).reduce((sum, delay) => sum + delay / 2, 0);
}

/** How many connections the app's pool holds. */
export const POOL_MAX = setting('DB_POOL_MAX');

/**
 * How long the app trusts a token check it made (its revocation cache, AUTH_CACHE_TTL_MS), as the
 * socket scenarios start it: short, so that most of an outage is past every cached check. Passed to
 * the app through the scenario's app.env, so the bound below follows the setting.
 */
export const AUTH_CACHE_TTL_MS = 1_000;

/**
 * How long after a database fault took hold the app may still admit a socket on a token check it
 * cached before: the cache's TTL, plus a second for a lookup that was answering as the fault took
 * hold. A socket admitted later was admitted on a token no one could check.
 */
export const SOCKET_CACHED_CHECK_MS = AUTH_CACHE_TTL_MS + 1_000;

/**
 * An idle app notices a lost database by its background ping: within one ping interval plus the
 * ping's own bounds (one connection and one query timeout), plus the same slack as HEALTH_LAG_MS.
 * It also reports the database back within HEALTH_LAG_MS: the bound is the larger of the two.
 */
export function idleNoticeLagMs(pingIntervalMs: number): number {
  return Math.max(HEALTH_LAG_MS, pingIntervalMs + CONNECTION_TIMEOUT_MS + QUERY_TIMEOUT_MS + 2_000);
}

/**
 * The presence TTL the presence scenario starts the app with (PRESENCE_TTL_MS; 30 s by default):
 * short, so that the run is, yet long enough that a living instance's heartbeat (every third of it)
 * may come more than three seconds late on a busy machine before its own sockets expire. Passed
 * through the scenario's app.env, so the bound below follows it.
 */
export const PRESENCE_TTL_MS = 5_000;

/**
 * A killed instance's sockets were last refreshed before the kill, each to expire one TTL later: a
 * count read one TTL after the kill no longer holds them. Plus the machine's slack (a read sent late,
 * an instance slow to die).
 */
export const PRESENCE_EXPIRY_MS = PRESENCE_TTL_MS + MACHINE_SLACK_MS;

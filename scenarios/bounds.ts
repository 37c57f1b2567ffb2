// Bounds the scenarios use, derived from the settings the harness starts the app with
// (harness/environment/embedded/app-settings.ts) plus stated slack — never tuned to one machine.
import { DEFAULT_APP_SETTINGS } from '../target-app/faultline/settings.ts';

const setting = (name: string): number => Number(DEFAULT_APP_SETTINGS[name]);

/** The longest the app waits between two startup connection attempts. */
export const CONNECT_MAX_DELAY_MS = setting('DB_CONNECT_MAX_DELAY_MS');
/** How long one connection attempt may take before it fails. */
export const CONNECTION_TIMEOUT_MS = setting('DB_CONNECTION_TIMEOUT_MS');
/** How long a query may hang before the pool gives up on it. */
export const QUERY_TIMEOUT_MS = setting('DB_QUERY_TIMEOUT_MS');
/** The runtime reconnection loop's interval. */
export const RECONNECT_INTERVAL_MS = setting('DB_RECONNECT_INTERVAL_MS');

/**
 * The whole startup retry budget, jitter at its maximum: every backoff delay plus one connection
 * timeout per attempt. A scenario that shortens the budget (app.env DB_CONNECT_MAX_RETRIES) passes
 * the same number here, so its bound follows its own setting.
 */
export function connectBudgetMs(maxRetries = setting('DB_CONNECT_MAX_RETRIES')): number {
  let total = 0;
  for (let attempt = 0; attempt < maxRetries; attempt += 1)
    total += Math.min(CONNECT_MAX_DELAY_MS, setting('DB_CONNECT_DELAY_MS') * 2 ** attempt);
  return total + (maxRetries + 1) * CONNECTION_TIMEOUT_MS;
}
export const CONNECT_BUDGET_MS = connectBudgetMs();

/**
 * The least time the startup keeps retrying before it gives up: every backoff delay at the low end
 * of its jitter (half), attempts that fail at once (a refused connection takes no time).
 */
export function minConnectBudgetMs(maxRetries = setting('DB_CONNECT_MAX_RETRIES')): number {
  let total = 0;
  for (let attempt = 0; attempt < maxRetries; attempt += 1)
    total += Math.min(CONNECT_MAX_DELAY_MS, setting('DB_CONNECT_DELAY_MS') * 2 ** attempt) / 2;
  return total;
}
/** How long the app gives each non-critical service (Redis, the schema check) at startup. */
export const SERVICE_INIT_TIMEOUT_MS = setting('SERVICE_INIT_TIMEOUT_MS');

/** Slack for a busy shared machine: process start, tsx transpiling, a scheduler hiccup. */
export const MACHINE_SLACK_MS = 5_000;

/** After the database is back, the app is serving within one reconnect (or backoff) step plus a query. */
export const RECOVERY_BOUND_MS =
  Math.max(RECONNECT_INTERVAL_MS, CONNECT_MAX_DELAY_MS) + QUERY_TIMEOUT_MS + MACHINE_SLACK_MS;

/**
 * A health endpoint reflects a change within one reconnect step and one connection attempt, plus
 * slack for the 100 ms probe period and a busy machine. It must stay well below the outages the
 * scenarios inject, or nothing could be compared.
 */
export const HEALTH_LAG_MS = RECONNECT_INTERVAL_MS + CONNECTION_TIMEOUT_MS + 2_000;

/**
 * The longest one request may take while the database is at fault: a wait for a pooled connection
 * (bounded by the connection timeout) and one query (bounded by the query timeout) — the first
 * failed query ends the request with a 503 — plus slack. A request beyond it hung.
 */
export const DB_FAULT_REQUEST_BUDGET_MS = CONNECTION_TIMEOUT_MS + QUERY_TIMEOUT_MS + MACHINE_SLACK_MS;

/**
 * Redis health lags by the client's reconnect backoff (ioredis in the app: at most 2 s between
 * attempts) and one command timeout, plus the same slack as the database's.
 */
export const REDIS_HEALTH_LAG_MS = 2_000 + setting('REDIS_CONNECT_TIMEOUT_MS') + 2_000;

/** How long one Redis command may take before the app gives up on it and goes to the database. */
export const REDIS_COMMAND_TIMEOUT_MS = setting('REDIS_CONNECT_TIMEOUT_MS');

/**
 * The longest one request may take while Redis is slow or silent: a cached read waits for at most
 * one lookup and one store (each bounded by the command timeout) around its database query, plus
 * slack. A request beyond it hung on Redis.
 */
export const REDIS_FAULT_REQUEST_BUDGET_MS = 2 * REDIS_COMMAND_TIMEOUT_MS + QUERY_TIMEOUT_MS + MACHINE_SLACK_MS;

/** How many connections the app's pool holds. */
export const POOL_MAX = setting('DB_POOL_MAX');

/**
 * A request that makes two queries (a read, then a write or a second read), each after a wait for a
 * pooled connection, plus slack: the bound when the database is slow rather than silent.
 */
export const TWO_QUERY_REQUEST_BUDGET_MS = 2 * (CONNECTION_TIMEOUT_MS + QUERY_TIMEOUT_MS) + MACHINE_SLACK_MS;

/**
 * A black hole must outlast the answer budget it enforces: when the fault lifts, the held
 * connections are released and a request that hung finishes — inside the budget, if the hole were
 * shorter, and the hang would pass unseen.
 */
export const BLACKHOLE_HOLD_MS = DB_FAULT_REQUEST_BUDGET_MS + 4_000;

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

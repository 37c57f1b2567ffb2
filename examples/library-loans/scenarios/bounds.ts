// The bounds library-loans' scenarios judge by, from the settings its faultline.config.ts starts it
// with (backoff from 250 ms doubling to 4 s, CONNECT_TIMEOUT_MS 2000, QUERY_TIMEOUT_MS 2000,
// RECHECK_MS 500) plus stated slack for a busy shared machine — never tuned to one machine.
export const RETRY_MAX_DELAY_MS = 4_000;
export const CONNECT_TIMEOUT_MS = 2_000;
export const QUERY_TIMEOUT_MS = 2_000;
export const RECHECK_MS = 500;
/** Process start, tsx transpiling, a scheduler hiccup. */
export const MACHINE_SLACK_MS = 5_000;

/** Ready after the database is reachable: one backoff step and one connection attempt, plus slack. */
export const READY_BOUND_MS = RETRY_MAX_DELAY_MS + CONNECT_TIMEOUT_MS + MACHINE_SLACK_MS;
/** /readyz reflects a change within one recheck and one connection attempt, plus slack. */
export const HEALTH_LAG_MS = RECHECK_MS + CONNECT_TIMEOUT_MS + 2_000;
/** A request during a fault: a connection wait and one query, plus slack. */
export const FAULT_REQUEST_BUDGET_MS = CONNECT_TIMEOUT_MS + QUERY_TIMEOUT_MS + MACHINE_SLACK_MS;
/** Serving again after the database is back: one recheck and a query, plus slack. */
export const RECOVERY_BOUND_MS = RECHECK_MS + QUERY_TIMEOUT_MS + MACHINE_SLACK_MS;

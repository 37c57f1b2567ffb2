// The target's timing contract (`bounds` in its config): the numbers its app is started with, which
// every scenario bound derives from (harness/scenario/bounds.ts). Re-exported by types.ts.

/**
 * The app's own timing, which scenario bounds derive from (never one machine's speed): give the
 * numbers the app is started with.
 */
export interface TargetBounds {
  /** The longest the app waits between two connection attempts at startup (its backoff cap). */
  retryMaxDelayMs: number;
  /** How long one connection attempt may take before it fails. */
  connectionTimeoutMs: number;
  /** How long one query may run before the app gives up on it. */
  queryTimeoutMs: number;
  /** While the database is down, how often the app tries it again (its reconnect interval). */
  recheckMs: number;
  /** The longest a start with every dependency healthy may take (its whole retry budget and init). */
  startupMs: number;
  /** For an app with Redis: its timing there (scenarios that break Redis need it). */
  redis?: {
    /** How long one Redis command may take before the app gives up on it (and goes to the database). */
    commandTimeoutMs: number;
    /** The longest the Redis client waits between two reconnection attempts. */
    reconnectMaxMs: number;
    /** How long the startup waits for Redis before it goes on without it (default: commandTimeoutMs). */
    initTimeoutMs?: number;
  };
}

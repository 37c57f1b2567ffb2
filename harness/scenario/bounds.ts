// The bounds a scenario judges by, derived from the target's own timing (TargetBounds: what the app
// is started with) plus stated slack — never from one app's literals, never tuned to one machine. A
// scenario written as a function of these runs against any target that gives its bounds.
import type { TargetBounds } from '../target/types.ts';

/** Slack for a busy shared machine: process start, transpiling, a scheduler hiccup. */
export const MACHINE_SLACK_MS = 5_000;

/** A scenario that needs a bound the target does not give (a Redis bound for an app without Redis). */
export class BoundUnavailable extends Error {
  constructor(readonly bound: string) {
    super(`the target gives no ${bound} bound (\`bounds.${bound}\` in its config)`);
    this.name = 'BoundUnavailable';
  }
}

export interface RedisBounds {
  commandTimeoutMs: number;
  reconnectMaxMs: number;
  /** How long the startup waits for Redis before going on without it. */
  initTimeoutMs: number;
  /** Redis health lags by one reconnect backoff and one command timeout, plus slack. */
  healthLagMs: number;
  /** A request while Redis is slow or silent: one lookup and one store around its query, plus slack. */
  faultRequestMs: number;
}

export interface ScenarioBounds extends Omit<TargetBounds, 'redis'> {
  slackMs: number;
  /** After the database is back, the app serves within one recheck (or backoff) step and a query. */
  recoveryMs: number;
  /** A health endpoint reflects a change within one recheck and one connection attempt, plus slack. */
  healthLagMs: number;
  /** One request while the database is at fault: a pooled-connection wait and one query, plus slack. */
  dbFaultRequestMs: number;
  /** A request of two queries, each after a wait for a connection, when the database is slow. */
  twoQueryRequestMs: number;
  /** A black hole outlasting the answer budget it enforces, so a hang cannot finish inside it. */
  blackholeHoldMs: number;
  /** Throws BoundUnavailable for a target without Redis bounds: the scenario is then skipped. */
  readonly redis: RedisBounds;
}

export function scenarioBounds(target: TargetBounds): ScenarioBounds {
  const { redis, ...timing } = target;
  const { connectionTimeoutMs, queryTimeoutMs, recheckMs, retryMaxDelayMs } = timing;
  const dbFaultRequestMs = connectionTimeoutMs + queryTimeoutMs + MACHINE_SLACK_MS;
  const bounds = {
    ...timing,
    slackMs: MACHINE_SLACK_MS,
    recoveryMs: Math.max(recheckMs, retryMaxDelayMs) + queryTimeoutMs + MACHINE_SLACK_MS,
    healthLagMs: recheckMs + connectionTimeoutMs + 2_000,
    dbFaultRequestMs,
    twoQueryRequestMs: 2 * (connectionTimeoutMs + queryTimeoutMs) + MACHINE_SLACK_MS,
    blackholeHoldMs: dbFaultRequestMs + 4_000,
  };
  return Object.freeze(
    Object.defineProperty(bounds, 'redis', {
      enumerable: true,
      get(): RedisBounds {
        if (redis === undefined) throw new BoundUnavailable('redis');
        return {
          commandTimeoutMs: redis.commandTimeoutMs,
          reconnectMaxMs: redis.reconnectMaxMs,
          initTimeoutMs: redis.initTimeoutMs ?? redis.commandTimeoutMs,
          healthLagMs: redis.reconnectMaxMs + redis.commandTimeoutMs + 2_000,
          faultRequestMs: 2 * redis.commandTimeoutMs + queryTimeoutMs + MACHINE_SLACK_MS,
        };
      },
    }) as ScenarioBounds,
  );
}

/**
 * Typical bounds, only to validate a bound scenario when it is defined (its shape, its windows); it
 * runs with the target's own.
 */
export const NOMINAL_BOUNDS = scenarioBounds({
  retryMaxDelayMs: 2_000,
  connectionTimeoutMs: 2_000,
  queryTimeoutMs: 3_000,
  recheckMs: 2_000,
  startupMs: 30_000,
  redis: { commandTimeoutMs: 1_000, reconnectMaxMs: 2_000 },
});

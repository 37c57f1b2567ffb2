import { afterReady, dbLatency, defineScenario, during } from '../../../harness/scenario/index.ts';
import { CONNECTION_TIMEOUT_MS, POOL_MAX, RECOVERY_BOUND_MS, TWO_QUERY_REQUEST_BUDGET_MS } from './bounds.ts';

/** Slow enough that ten pooled connections serve ~30 queries/s, far below the offered load. */
const LATENCY_MS = 300;
const RATE_PER_SEC = 100;
const HOLD_MS = 7_000;
/**
 * The pool serves at most POOL_MAX / LATENCY queries a second (each request makes at least one);
 * the rest of the offered load queues and, after one connection timeout, must be answered 503. Half
 * of that excess is the least the healthy app answers 503 (the slack for a busy machine).
 */
const POOL_SERVES_PER_SEC = (POOL_MAX * 1_000) / LATENCY_MS;
const MIN_503 = Math.floor(((RATE_PER_SEC - POOL_SERVES_PER_SEC) * (HOLD_MS - CONNECTION_TIMEOUT_MS)) / 1_000 / 2);

export default defineScenario({
  name: 'pool-exhaustion',
  description:
    'A slow database meets high concurrency (a traffic spike during a slow query plan): every pooled connection is busy and requests queue for one. The pool must give up after its connection timeout and the app must answer those requests 503 — not 500, not a hang — and recover when the database speeds up again.',
  timeline: [
    during(afterReady('2s'), afterReady(2_000 + HOLD_MS), dbLatency({ latencyMs: LATENCY_MS, effect: 'degraded' })),
  ],
  duration: '19s',
  // The queue built up during the fault drains at the machine's pace: until the recovery bound, a 503
  // is the end of the fault (recovers-within judges it), not a new failure of the steady app.
  grace: RECOVERY_BOUND_MS,
  load: {
    rate: RATE_PER_SEC,
    maxInFlight: 1_000,
    timeout: TWO_QUERY_REQUEST_BUDGET_MS + 5_000,
    mix: { 'events.get': 4, 'users.me': 3, 'artists.get': 2, 'tickets.create': 1 },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'fault-statuses': { expect: [{ window: 'dbLatency#1', status: 503, atLeast: MIN_503 }] },
    'answered-within': { withinMs: TWO_QUERY_REQUEST_BUDGET_MS },
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
    'no-lost-writes': true,
    latency: { fault: [`max<${TWO_QUERY_REQUEST_BUDGET_MS}`] },
  },
});

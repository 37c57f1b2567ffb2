import { afterReady, dbLockTable, defineScenario, during } from '../../../harness/scenario/index.ts';
import { DB_FAULT_REQUEST_BUDGET_MS, QUERY_TIMEOUT_MS, RECOVERY_BOUND_MS } from './bounds.ts';

/**
 * Set here, so that the rates below follow the settings the app was started with: a pool large
 * enough that the waiting reads never hold more than a third of it, while many of them time out.
 */
const DB_POOL_MAX = 45;
const HOLD_MS = 30_000;
const RATE_PER_SEC = 35;
/** Reads that touch the locked table (a venue, on its own). */
const WAITING = 'venues.get';
/** Requests that touch other tables only (reads: the lock is the only fault here). */
const SERVED = { 'users.me': 4, 'artists.get': 4, 'organizers.get': 4 };
/**
 * Each waiting read holds a pooled connection for one query timeout. With at most a third of the
 * pool held so, the other requests always find a free connection: a 503 among them is the
 * instance's doing, not the pool's. The waiting reads' weight gives them that rate.
 */
const WAITING_PER_SEC = DB_POOL_MAX / 3 / (QUERY_TIMEOUT_MS / 1_000);
const SERVED_WEIGHT = Object.values(SERVED).reduce((sum, weight) => sum + weight, 0);
const WAITING_WEIGHT = (SERVED_WEIGHT * WAITING_PER_SEC) / (RATE_PER_SEC - WAITING_PER_SEC);
/** Half the waiting reads the lock outlasts by a query timeout: the least the healthy app answers 503. */
const MIN_503 = Math.floor((WAITING_PER_SEC * (HOLD_MS - QUERY_TIMEOUT_MS)) / 1_000 / 2);

export default defineScenario({
  name: 'db-lock-contention',
  description:
    'A migration holds an ACCESS EXCLUSIVE lock on one table for thirty seconds while the API serves traffic. The queries on that table wait and time out: those requests answer 503 — and only those. A slow query is not an outage: every request on the other tables must keep being served, and nothing must hang past its timeout.',
  timeline: [during(afterReady('2s'), afterReady(2_000 + HOLD_MS), dbLockTable({ table: 'venues' }))],
  app: { env: { DB_POOL_MAX } },
  duration: 2_000 + HOLD_MS + RECOVERY_BOUND_MS,
  load: { rate: RATE_PER_SEC, mix: { ...SERVED, [WAITING]: WAITING_WEIGHT } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': { templates: Object.keys(SERVED), fault: ['2xx'], grace: ['2xx'] },
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'fault-statuses': { expect: [{ window: 'dbLockTable#1', status: 503, atLeast: MIN_503 }] },
    'answered-within': { withinMs: DB_FAULT_REQUEST_BUDGET_MS },
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
  },
});

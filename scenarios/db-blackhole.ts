import { afterReady, dbTimeout, defineScenario, during } from '../harness/scenario/index.ts';
import { BLACKHOLE_HOLD_MS, DB_FAULT_REQUEST_BUDGET_MS, RECOVERY_BOUND_MS } from './bounds.ts';

const FROM_MS = 3_000;

export default defineScenario({
  name: 'db-blackhole',
  description:
    'The database stops answering without closing anything (a black-holed route, a frozen instance): packets go out, nothing comes back. Without bounded pools and query timeouts every request hangs forever. The app must answer 503 within its timeout budget (one wait for a connection plus one query timeout), let no request hang, lose no acknowledged write, and recover when the route comes back.',
  // Held longer than the answer budget: a request that hangs until the hole lifts is seen hanging.
  timeline: [during(afterReady(FROM_MS), afterReady(FROM_MS + BLACKHOLE_HOLD_MS), dbTimeout({ timeoutMs: 0 }))],
  duration: FROM_MS + BLACKHOLE_HOLD_MS + RECOVERY_BOUND_MS,
  load: {
    rate: 30,
    timeout: DB_FAULT_REQUEST_BUDGET_MS + 5_000,
    // Half writes: one is in flight at the moment the hole opens and when it closes.
    mix: { 'events.list': 2, 'events.get': 2, 'users.me': 1, 'tickets.create': 5 },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    // Every query meets the hole; only requests sent in its last query timeout are released unharmed.
    'fault-statuses': { expect: [{ window: 'dbTimeout#1', status: 503, share: 0.5 }] },
    'answered-within': { withinMs: DB_FAULT_REQUEST_BUDGET_MS },
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
    'no-lost-writes': true,
    latency: { fault: [`max<${DB_FAULT_REQUEST_BUDGET_MS}`] },
  },
});

import { afterReady, dbTimeout, defineScenario, during } from '../harness/scenario/index.ts';

const FROM_MS = 3_000;

export default defineScenario((b) => ({
  name: 'db-blackhole',
  description:
    'The database stops answering without closing anything (a black-holed route, a frozen instance): packets go out, nothing comes back. Without bounded pools and query timeouts every request hangs forever. The app must answer 503 within its timeout budget (one wait for a connection plus one query timeout), let no request hang, lose no acknowledged write, and recover when the route comes back.',
  // Held longer than the answer budget: a request that hangs until the hole lifts is seen hanging.
  timeline: [during(afterReady(FROM_MS), afterReady(FROM_MS + b.blackholeHoldMs), dbTimeout({ timeoutMs: 0 }))],
  duration: FROM_MS + b.blackholeHoldMs + b.recoveryMs,
  load: {
    rate: 30,
    timeout: b.dbFaultRequestMs + 5_000,
    // Half writes: one is in flight at the moment the hole opens and when it closes.
    mix: { kinds: { read: 1, write: 4 } },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    // Every query meets the hole; only requests sent in its last query timeout are released unharmed.
    'fault-statuses': { expect: [{ window: 'dbTimeout#1', status: 503, share: 0.5 }] },
    'answered-within': { withinMs: b.dbFaultRequestMs },
    'recovers-within': { withinMs: b.recoveryMs },
    'no-lost-writes': true,
    latency: { fault: [`max<${b.dbFaultRequestMs}`] },
  },
}));

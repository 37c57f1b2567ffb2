import { afterReady, dbLatency, defineScenario, during } from '../harness/scenario/index.ts';

export default defineScenario((b) => {
  /** Slow but within the query timeout: queries finish, the pool keeps up at this load. */
  const BELOW_MS = Math.round(b.queryTimeoutMs / 6);
  /** Beyond the query timeout: every query times out. */
  const BEYOND_MS = b.queryTimeoutMs + 1_000;
  return {
    name: 'db-latency-spike',
    description:
      'Database latency spikes under load (a noisy neighbour, a vacuum, a network hiccup): first below the query timeout, then beyond it. Below, the app must answer correctly (or 503 if its pool cannot keep up); beyond, every query times out and the app must answer 503 within its timeout budget — no 500, no hung request — and recover when the latency goes.',
    timeline: [
      during(afterReady('2s'), afterReady('7s'), dbLatency({ latencyMs: BELOW_MS, effect: 'degraded' })),
      during(afterReady('9s'), afterReady('14s'), dbLatency({ latencyMs: BEYOND_MS, effect: 'unavailable' })),
    ],
    // Long enough to see the recovery the target's bound allows after the last fault.
    duration: Math.max(24_000, 14_000 + b.recoveryMs),
    load: {
      rate: 20,
      timeout: b.twoQueryRequestMs + 5_000,
      // Half writes: one is in flight at each edge of both windows.
      mix: { kinds: { read: 1, write: 4 } },
    },
    checks: {
      'no-crash': true,
      'no-unhandled-errors': true,
      'status-allowlist': true,
      'no-5xx-except-503': true,
      'db-failures-are-503': true,
      // Beyond the query timeout every query times out: the requests sent then are 503s.
      'fault-statuses': { expect: [{ window: 'dbLatency#2', status: 503, share: 0.8 }] },
      'answered-within': { withinMs: b.twoQueryRequestMs },
      'recovers-within': { withinMs: b.recoveryMs },
      'no-lost-writes': true,
      // Thresholds from the app's own timeouts: nothing hangs at fault, and steady answers come well within one query timeout.
      latency: { fault: [`max<${b.twoQueryRequestMs}`], steady: [`p(95)<${b.queryTimeoutMs}`] },
    },
  };
});

import { afterReady, dbDown, defineScenario, during } from '../harness/scenario/index.ts';

export default defineScenario((b) => ({
  name: 'db-outage-under-load',
  description:
    'The database becomes unreachable for seconds while the API serves steady traffic (a failover, a security-group change). The app must answer 503 with Retry-After — not 500, not a crash — lose no acknowledged write, and serve again once the database is back.',
  timeline: [during(afterReady('3s'), afterReady('11s'), dbDown())],
  // Long enough to see the recovery the target's bound allows after the last fault.
  duration: Math.max(21_000, 11_000 + b.recoveryMs),
  // The usual mix with three times the writes: one is in flight when the route goes and when it comes back.
  load: { rate: 40, mix: { kinds: { read: 1, write: 3, missing: 1 } } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'fault-statuses': { expect: [{ window: 'dbDown#1', status: 503, share: 0.9 }] },
    'answered-within': { withinMs: b.dbFaultRequestMs },
    'missing-records-are-404': true,
    'recovers-within': { withinMs: b.recoveryMs },
    'health-truthful': { lagMs: b.healthLagMs },
    'no-lost-writes': true,
  },
}));

import { afterReady, dbDown, defineScenario, during } from '../harness/scenario/index.ts';
import { WRITE_HEAVY_MIX } from '../target-app/faultline/templates.ts';
import { DB_FAULT_REQUEST_BUDGET_MS, HEALTH_LAG_MS, RECOVERY_BOUND_MS } from './bounds.ts';

export default defineScenario({
  name: 'db-outage-under-load',
  description:
    'The database becomes unreachable for seconds while the API serves steady traffic (a failover, a security-group change). The app must answer 503 with Retry-After — not 500, not a crash — lose no acknowledged write, and serve again once the database is back.',
  timeline: [during(afterReady('3s'), afterReady('11s'), dbDown())],
  duration: '21s',
  // The usual mix with three times the writes: one is in flight when the route goes and when it comes back.
  load: { rate: 40, mix: WRITE_HEAVY_MIX },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'fault-statuses': { expect: [{ window: 'dbDown#1', status: 503, share: 0.9 }] },
    'answered-within': { withinMs: DB_FAULT_REQUEST_BUDGET_MS },
    'missing-records-are-404': true,
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
    'health-truthful': { lagMs: HEALTH_LAG_MS },
    'no-lost-writes': true,
  },
});

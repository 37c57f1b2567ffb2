import { afterReady, dbDown, defineScenario, during } from 'faultline';
import { FAULT_REQUEST_BUDGET_MS, HEALTH_LAG_MS, RECOVERY_BOUND_MS } from './bounds.ts';

export default defineScenario({
  name: 'db-outage-under-load',
  description:
    'The database becomes unreachable for eight seconds while the service lends books: 503 with Retry-After, not 500, no crash, no acknowledged loan lost, and serving again once the database is back.',
  timeline: [during(afterReady('3s'), afterReady('11s'), dbDown())],
  duration: '24s',
  load: { rate: 30 },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'fault-statuses': { expect: [{ window: 'dbDown#1', status: 503, share: 0.9 }] },
    'answered-within': { withinMs: FAULT_REQUEST_BUDGET_MS },
    'missing-records-are-404': true,
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
    'health-truthful': { lagMs: HEALTH_LAG_MS },
    'no-lost-writes': true,
  },
});

import { dbDown, defineScenario, during } from '../harness/scenario/index.ts';
import { HEALTH_LAG_MS, RECOVERY_BOUND_MS } from './bounds.ts';

export default defineScenario({
  name: 'db-outage-under-load',
  description:
    'The database becomes unreachable for seconds while the API serves steady traffic (a failover, a security-group change). The app must answer 503 with Retry-After — not 500, not a crash — lose no acknowledged write, and serve again once the database is back.',
  timeline: [during('4s', '12s', dbDown())],
  duration: '20s',
  load: { rate: 40 },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'missing-records-are-404': true,
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
    'health-truthful': { lagMs: HEALTH_LAG_MS },
    'no-lost-writes': true,
  },
});

import { afterReady, dbDown, defineScenario, during, postgresStop } from '../harness/scenario/index.ts';
import { HEALTH_LAG_MS, RECOVERY_BOUND_MS } from './bounds.ts';

export default defineScenario({
  name: 'health-truthful',
  description:
    'Load balancers and orchestrators act on what the health endpoints say. Through two different outages — the route to the database cut, then the PostgreSQL server stopped — and the recoveries after them, /health, /health/detailed and /db-check must report the database down within their lag bound, and up again once it is back.',
  timeline: [
    during(afterReady('1s'), afterReady('8s'), dbDown()),
    during(afterReady('14s'), afterReady('21s'), postgresStop({ mode: 'immediate' })),
  ],
  duration: '31s',
  load: { rate: 10, mix: { 'events.get': 2, 'users.me': 1, 'tickets.create': 1 } },
  checks: {
    'no-crash': true,
    'no-5xx-except-503': true,
    'health-truthful': { lagMs: HEALTH_LAG_MS },
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
  },
});

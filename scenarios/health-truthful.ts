import { afterReady, dbDown, defineScenario, during, postgresStop } from '../harness/scenario/index.ts';

export default defineScenario((b) => ({
  name: 'health-truthful',
  description:
    'Load balancers and orchestrators act on what the health endpoints say. Through two different outages — the route to the database cut, then the PostgreSQL server stopped — and the recoveries after them, /health, /health/detailed and /db-check must report the database down within their lag bound, and up again once it is back.',
  timeline: [
    during(afterReady('1s'), afterReady('8s'), dbDown()),
    during(afterReady('14s'), afterReady('21s'), postgresStop({ mode: 'immediate' })),
  ],
  // Long enough to see the recovery the target's bound allows after the last fault.
  duration: Math.max(31_000, 21_000 + b.recoveryMs),
  load: { rate: 10, mix: { kinds: { read: 1, write: 1 } } },
  checks: {
    'no-crash': true,
    'no-5xx-except-503': true,
    'health-truthful': { lagMs: b.healthLagMs },
    'recovers-within': { withinMs: b.recoveryMs },
  },
}));

import { afterReady, dbDown, defineScenario, during } from '../../../harness/scenario/index.ts';
import { idleNoticeLagMs } from './bounds.ts';

/** Set here, so that the lag bound follows the interval the app was started with. */
const DB_PING_INTERVAL_MS = 1_000;
const LAG_MS = idleNoticeLagMs(DB_PING_INTERVAL_MS);

export default defineScenario({
  name: 'idle-db-outage',
  description:
    "The database goes away at night, when no request comes (a failover, a network change). A load balancer polls only the liveness endpoint, which reports the state the app holds and makes no database round-trip: the app must notice the loss by itself and say 'unavailable' there within its ping interval and the ping's bounds, then 'ok' once the database is back.",
  timeline: [during(afterReady('3s'), afterReady('23s'), dbDown())],
  app: { env: { DB_PING_INTERVAL_MS } },
  duration: '30s',
  // Only /health: /health/detailed and /db-check ping the database themselves, and would do the work
  // whose absence this scenario looks for.
  probes: { health: ['health'] },
  checks: {
    'no-crash': true,
    'health-truthful': { lagMs: LAG_MS, endpoints: ['health'] },
  },
});

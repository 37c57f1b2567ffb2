import { afterReady, defineScenario, during, redisDown } from '../harness/scenario/index.ts';
import { HEALTH_LAG_MS, REDIS_HEALTH_LAG_MS } from './bounds.ts';

export default defineScenario({
  name: 'redis-outage-under-load',
  description:
    'Redis goes away while the API serves traffic (an ElastiCache failover, a maintenance window). The cache is an optimisation: the API must keep answering 2xx from the database, health must say degraded while Redis is gone and ok once it is back.',
  needs: { redis: true },
  timeline: [during(afterReady('2s'), afterReady('9s'), redisDown())],
  duration: '17s',
  load: { rate: 30, mix: { 'events.list': 5, 'events.get': 2, 'users.me': 1, 'tickets.create': 2 } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': { fault: ['2xx', 404], grace: ['2xx', 404] },
    'no-5xx-except-503': true,
    'health-truthful': { lagMs: HEALTH_LAG_MS, redis: true, redisLagMs: REDIS_HEALTH_LAG_MS },
    'no-lost-writes': true,
  },
});

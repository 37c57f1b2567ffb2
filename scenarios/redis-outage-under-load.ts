import { afterReady, defineScenario, during, redisDown } from '../harness/scenario/index.ts';

export default defineScenario((b) => ({
  name: 'redis-outage-under-load',
  description:
    'Redis goes away while the API serves traffic (an ElastiCache failover, a maintenance window). The cache is an optimisation: the API must keep answering 2xx from the database, health must say degraded while Redis is gone and ok once it is back.',
  needs: { redis: true },
  timeline: [during(afterReady('2s'), afterReady('9s'), redisDown())],
  duration: '17s',
  load: { rate: 30, mix: { kinds: { read: 1, write: 1 } } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': { fault: ['2xx', 404], grace: ['2xx', 404] },
    'no-5xx-except-503': true,
    'health-truthful': { lagMs: b.healthLagMs, redis: true, redisLagMs: b.redis.healthLagMs },
    'no-lost-writes': true,
  },
}));

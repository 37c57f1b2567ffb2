import { at, defineScenario, redisDown, redisUp } from '../harness/scenario/index.ts';

export default defineScenario((b) => ({
  name: 'startup-redis-down',
  description:
    'Redis (the cache, ElastiCache in production) is unreachable when the app boots. Redis is not critical: the app must start anyway, report itself degraded, answer every API request from the database (2xx, not even 503), and report ok again once Redis is back.',
  needs: { redis: true },
  timeline: [at(0, redisDown()), at('7s', redisUp())],
  duration: '15s',
  load: { rate: 20, mix: { kinds: { read: 1, write: 1 } } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    // The API works while Redis is down: success or a real 404, never a 503 or 500.
    'status-allowlist': { fault: ['2xx', 404], grace: ['2xx', 404] },
    'no-5xx-except-503': true,
    // Redis gets at most the service-init timeout at startup; it does not hold up readiness beyond it.
    'ready-within': { withinMs: b.redis.initTimeoutMs + b.slackMs },
    'health-truthful': { lagMs: b.healthLagMs, redis: true, redisLagMs: b.redis.healthLagMs },
    'no-lost-writes': true,
  },
}));

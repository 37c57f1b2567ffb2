import { defineScenario, during, redisLatency, redisTimeout } from '../harness/scenario/index.ts';

export default defineScenario((b) => ({
  name: 'redis-blackhole-under-load',
  description:
    'Redis first slows down (a noisy neighbour), then stops answering without closing anything (a frozen node, a black-holed route): the commands go out, no reply comes back. A cache client without a command timeout waits forever, and so does every request behind it. The API must keep answering 2xx from the database within a bound (a cache lookup and a cache store, each cut off by the command timeout, around its query), health must say degraded, not failing, and nothing may hang.',
  needs: { redis: true },
  timeline: [
    // Slower than usual but inside the command timeout: the cache still works.
    during('3s', '7s', redisLatency({ latencyMs: Math.round(b.redis.commandTimeoutMs / 2) })),
    // Longer than the load's request timeout: a request that waits on the silent Redis is recorded
    // as hung (a timeout), not rescued by the end of the black hole.
    during('8s', '21s', redisTimeout({ timeoutMs: 0 })),
  ],
  duration: '27s',
  load: {
    rate: 30,
    // Above the budget, so that a request hung on Redis is recorded as a timeout, not cut short.
    timeout: b.redis.faultRequestMs + 2_000,
    mix: { kinds: { read: 1, write: 1 } },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': { fault: ['2xx', 404], grace: ['2xx', 404] },
    'no-5xx-except-503': true,
    'health-truthful': { lagMs: b.healthLagMs, redis: true, redisLagMs: b.redis.healthLagMs },
    'no-lost-writes': true,
    latency: { fault: [`max<${b.redis.faultRequestMs}`], grace: [`max<${b.redis.faultRequestMs}`] },
  },
}));

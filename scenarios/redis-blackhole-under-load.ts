import { defineScenario, during, redisLatency, redisTimeout } from '../harness/scenario/index.ts';
import {
  HEALTH_LAG_MS,
  REDIS_COMMAND_TIMEOUT_MS,
  REDIS_FAULT_REQUEST_BUDGET_MS,
  REDIS_HEALTH_LAG_MS,
} from './bounds.ts';

export default defineScenario({
  name: 'redis-blackhole-under-load',
  description:
    'Redis first slows down (a noisy neighbour), then stops answering without closing anything (a frozen node, a black-holed route): the commands go out, no reply comes back. A cache client without a command timeout waits forever, and so does every request behind it. The API must keep answering 2xx from the database within a bound (a cache lookup and a cache store, each cut off by the command timeout, around its query), health must say degraded, not failing, and nothing may hang.',
  needs: { redis: true },
  timeline: [
    // Slower than usual but inside the command timeout: the cache still works.
    during('3s', '7s', redisLatency({ latencyMs: Math.round(REDIS_COMMAND_TIMEOUT_MS / 2) })),
    // Longer than the load's request timeout: a request that waits on the silent Redis is recorded
    // as hung (a timeout), not rescued by the end of the black hole.
    during('8s', '21s', redisTimeout({ timeoutMs: 0 })),
  ],
  duration: '27s',
  load: {
    rate: 30,
    // Above the budget, so that a request hung on Redis is recorded as a timeout, not cut short.
    timeout: REDIS_FAULT_REQUEST_BUDGET_MS + 2_000,
    mix: { 'events.list': 5, 'events.get': 2, 'users.me': 1, 'tickets.create': 2 },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': { fault: ['2xx', 404], grace: ['2xx', 404] },
    'no-5xx-except-503': true,
    'health-truthful': { lagMs: HEALTH_LAG_MS, redis: true, redisLagMs: REDIS_HEALTH_LAG_MS },
    'no-lost-writes': true,
    latency: { fault: [`max<${REDIS_FAULT_REQUEST_BUDGET_MS}`], grace: [`max<${REDIS_FAULT_REQUEST_BUDGET_MS}`] },
  },
});

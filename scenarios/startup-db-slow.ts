import { dbLatency, defineScenario, during } from '../harness/scenario/index.ts';

const SLOW_UNTIL_MS = 6_000;

export default defineScenario((b) => {
  /**
   * Every database round-trip is this slow: a PostgreSQL connection needs at least two of them before
   * its first query, so no connection completes within the app's connection timeout.
   */
  const LATENCY_MS = Math.ceil(b.connectionTimeoutMs * 0.75);
  return {
    name: 'startup-db-slow',
    description:
      'The database answers, but seconds late on every round-trip while the app boots (a saturated instance, a cross-region link). No connection completes within the connection timeout, so every startup attempt fails slowly. The app must keep retrying with backoff instead of giving up after one attempt, stay closed (no 500s) until it is connected, and be ready soon after the latency goes.',
    timeline: [during(0, SLOW_UNTIL_MS, dbLatency({ latencyMs: LATENCY_MS, effect: 'unavailable' }))],
    duration: '17s',
    load: { rate: 20, mix: { kinds: { read: 1, write: 1 } } },
    checks: {
      'no-crash': true,
      'no-unhandled-errors': true,
      'status-allowlist': true,
      'no-5xx-except-503': true,
      'db-failures-are-503': true,
      // An attempt begun just before the latency went may still time out; then one backoff step and a fresh attempt.
      'ready-within': { withinMs: b.connectionTimeoutMs + b.queryTimeoutMs + b.retryMaxDelayMs + b.slackMs },
      'health-truthful': { lagMs: b.healthLagMs },
      'no-lost-writes': true,
    },
  };
});

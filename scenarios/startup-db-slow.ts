import { dbLatency, defineScenario, during } from '../harness/scenario/index.ts';
import {
  CONNECT_MAX_DELAY_MS,
  CONNECTION_TIMEOUT_MS,
  HEALTH_LAG_MS,
  MACHINE_SLACK_MS,
  QUERY_TIMEOUT_MS,
} from './bounds.ts';

/**
 * Every database round-trip is this slow: a PostgreSQL connection needs at least two of them before
 * its first query, so no connection completes within the app's connection timeout.
 */
const LATENCY_MS = Math.ceil(CONNECTION_TIMEOUT_MS * 0.75);
const SLOW_UNTIL_MS = 6_000;

export default defineScenario({
  name: 'startup-db-slow',
  description:
    'The database answers, but seconds late on every round-trip while the app boots (a saturated instance, a cross-region link). No connection completes within the connection timeout, so every startup attempt fails slowly. The app must keep retrying with backoff instead of giving up after one attempt, stay closed (no 500s) until it is connected, and be ready soon after the latency goes.',
  timeline: [during(0, SLOW_UNTIL_MS, dbLatency({ latencyMs: LATENCY_MS, effect: 'unavailable' }))],
  duration: '17s',
  load: { rate: 20, mix: { 'events.list': 3, 'events.get': 3, 'users.me': 2, 'tickets.create': 2 } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    // An attempt begun just before the latency went may still time out; then one backoff step and a fresh attempt.
    'ready-within': { withinMs: CONNECTION_TIMEOUT_MS + QUERY_TIMEOUT_MS + CONNECT_MAX_DELAY_MS + MACHINE_SLACK_MS },
    'health-truthful': { lagMs: HEALTH_LAG_MS },
    'no-lost-writes': true,
  },
});

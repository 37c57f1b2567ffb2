import { at, dbDown, dbUp, defineScenario } from '../harness/scenario/index.ts';

const DB_UP_AT_MS = 3_000;

export default defineScenario((b) => ({
  name: 'startup-thundering-herd',
  description:
    'A deploy or a scale-out: the new container boots while the load balancer already sends it hundreds of requests per second, and its database comes a few seconds late. Every request that reaches the app before it is ready must get a clean refusal or a 503 — never a 500 from a half-initialised app — and the app must come up under that load without crashing.',
  timeline: [at(0, dbDown()), at(DB_UP_AT_MS, dbUp())],
  duration: '14s',
  load: {
    stages: [
      { duration: '6s', target: 250 },
      { duration: '1s', target: 30 },
      { duration: '7s', target: 30 },
    ],
    startRate: 250,
    maxInFlight: 1_000,
    mix: { kinds: { read: 1, write: 0.5 } },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'ready-within': { withinMs: b.retryMaxDelayMs + b.connectionTimeoutMs + b.slackMs },
    'no-lost-writes': true,
  },
}));

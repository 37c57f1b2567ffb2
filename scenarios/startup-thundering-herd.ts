import { at, dbDown, dbUp, defineScenario } from '../harness/scenario/index.ts';
import { CONNECT_MAX_DELAY_MS, CONNECTION_TIMEOUT_MS, MACHINE_SLACK_MS } from './bounds.ts';

const DB_UP_AT_MS = 3_000;

export default defineScenario({
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
    mix: { 'events.list': 3, 'events.get': 3, 'users.me': 2, 'artists.get': 1, 'tickets.create': 1 },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'ready-within': { withinMs: CONNECT_MAX_DELAY_MS + CONNECTION_TIMEOUT_MS + MACHINE_SLACK_MS },
    'no-lost-writes': true,
  },
});

import { defineScenario, dbDown, every } from '../harness/scenario/index.ts';
import {
  CONNECT_MAX_DELAY_MS,
  CONNECTION_TIMEOUT_MS,
  HEALTH_LAG_MS,
  MACHINE_SLACK_MS,
  RECOVERY_BOUND_MS,
} from './bounds.ts';

/** The network flaps (down half of every second) from the app's start until then. */
const FLAPPING_UNTIL_MS = 8_000;

export default defineScenario({
  name: 'startup-db-flapping',
  description:
    'Connectivity to the database is intermittent while the app boots (a flapping link, a failing-over proxy): up and down every second. Startup attempts and the first requests meet a database that answers one moment and not the next; the app must come up without crashing, answer 503 (never 500) whenever the database drops, and settle once the link does.',
  timeline: [every('1s', dbDown(), { from: 0, until: FLAPPING_UNTIL_MS })],
  duration: '18s',
  // Half writes: once the app serves, one is in flight at each edge of the flapping.
  load: { rate: 20, mix: { 'events.list': 3, 'events.get': 3, 'users.me': 2, 'tickets.create': 8 } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    // Ready at the latest one backoff step and one connection attempt after the flapping stops.
    'ready-within': { withinMs: FLAPPING_UNTIL_MS + CONNECT_MAX_DELAY_MS + CONNECTION_TIMEOUT_MS + MACHINE_SLACK_MS },
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
    'health-truthful': { lagMs: HEALTH_LAG_MS },
    'no-lost-writes': true,
  },
});

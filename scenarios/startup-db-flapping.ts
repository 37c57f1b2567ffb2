import { defineScenario, dbDown, every } from '../harness/scenario/index.ts';

/** The network flaps (down half of every second) from the app's start until then. */
const FLAPPING_UNTIL_MS = 8_000;

export default defineScenario((b) => ({
  name: 'startup-db-flapping',
  description:
    'Connectivity to the database is intermittent while the app boots (a flapping link, a failing-over proxy): up and down every second. Startup attempts and the first requests meet a database that answers one moment and not the next; the app must come up without crashing, answer 503 (never 500) whenever the database drops, and settle once the link does.',
  timeline: [every('1s', dbDown(), { from: 0, until: FLAPPING_UNTIL_MS })],
  // Long enough to see the recovery the target's bound allows after the last fault.
  duration: Math.max(18_000, FLAPPING_UNTIL_MS + b.recoveryMs),
  // Half writes: once the app serves, one is in flight at each edge of the flapping.
  load: { rate: 20, mix: { kinds: { read: 1, write: 4 } } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    // Ready at the latest one backoff step and one connection attempt after the flapping stops.
    'ready-within': { withinMs: FLAPPING_UNTIL_MS + b.retryMaxDelayMs + b.connectionTimeoutMs + b.slackMs },
    'recovers-within': { withinMs: b.recoveryMs },
    'health-truthful': { lagMs: b.healthLagMs },
    'no-lost-writes': true,
  },
}));

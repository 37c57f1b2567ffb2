import { at, defineScenario, redisDown } from '../../../harness/scenario/index.ts';

/**
 * Set here, so that the limit the check holds the app to is the one the app was started with: a
 * window longer than the run (one window, counted from the first attempt), a small per-account limit.
 */
const LOGIN_LIMIT_PER_ACCOUNT = 5;
const RATE_LIMIT_WINDOW_SEC = 600;
const GUESSES = 'auth.login-wrong-password';
const SERVED = ['events.list', 'events.get', 'users.me', 'tickets.create'];

export default defineScenario({
  name: 'login-guessing-redis-down',
  description:
    "A client guesses one account's password over and over while Redis — where the instances share their rate-limit counts — is down (a failover, a maintenance window). The limit must still hold, counted in memory: once the account's attempts are spent, every guess answers 429 with Retry-After, while the rest of the API keeps serving from the database.",
  needs: { redis: true },
  timeline: [at(0, redisDown())],
  app: { env: { LOGIN_LIMIT_PER_ACCOUNT, RATE_LIMIT_WINDOW_SEC } },
  clock: 'ready',
  duration: '12s',
  load: { rate: 20, mix: { 'events.list': 3, 'events.get': 2, 'users.me': 1, 'tickets.create': 1, [GUESSES]: 1 } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'rate-limited': {
      limits: [{ template: GUESSES, limit: LOGIN_LIMIT_PER_ACCOUNT, windowMs: RATE_LIMIT_WINDOW_SEC * 1_000 }],
    },
    // The guesses answer 401 and then 429 by design; everything else is served, Redis or not.
    'status-allowlist': { templates: SERVED, fault: ['2xx', 404], grace: ['2xx', 404] },
    'no-5xx-except-503': true,
    'no-lost-writes': true,
  },
});

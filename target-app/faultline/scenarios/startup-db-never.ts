import { at, dbDown, defineScenario } from '../../../harness/scenario/index.ts';
import { connectBudgetMs, MACHINE_SLACK_MS } from './bounds.ts';

/** A short retry budget, so that the documented give-up comes within the run. */
const MAX_RETRIES = 2;
const EXIT_BOUND_MS = connectBudgetMs(MAX_RETRIES) + MACHINE_SLACK_MS;

export default defineScenario({
  name: 'startup-db-never',
  description:
    'The database never becomes reachable (a wrong endpoint, a deleted instance, a network policy that never opens). The app must give up after its retry budget with the documented fail-fast — one fatal startup.failed line and exit 1 — not hang, not print a crash trace, and not answer 500s while it tries.',
  timeline: [at(0, dbDown())],
  app: { env: { DB_CONNECT_MAX_RETRIES: MAX_RETRIES }, expect: 'fail-fast' },
  duration: EXIT_BOUND_MS,
  load: { rate: 20, mix: { 'events.list': 2, 'users.me': 1, 'tickets.create': 1 } },
  checks: {
    'exits-as-documented': { withinMs: EXIT_BOUND_MS },
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
  },
});

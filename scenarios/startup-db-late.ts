import { at, dbDown, dbUp, defineScenario } from '../harness/scenario/index.ts';

export default defineScenario((b) => ({
  name: 'startup-db-late',
  description:
    'The container starts before its database is reachable (RDS still booting, a network policy not yet applied) and requests arrive from the first second. Before the fix, routes answered before Prisma was connected ("Engine is not yet connected" → 500) or the process died.',
  // Late enough that an app which listens early has been listening a while when the database comes,
  // even on a busy machine where the process takes seconds to start.
  timeline: [at(0, dbDown()), at('8s', dbUp())],
  duration: '18s',
  load: { rate: 20, mix: { kinds: { read: 1, write: 1 } } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'ready-within': { withinMs: b.retryMaxDelayMs + b.connectionTimeoutMs + b.slackMs },
    'health-truthful': { lagMs: b.healthLagMs },
    'no-lost-writes': true,
  },
}));

import { at, dbDown, dbUp, defineScenario } from '../harness/scenario/index.ts';
import { CONNECT_MAX_DELAY_MS, CONNECTION_TIMEOUT_MS, HEALTH_LAG_MS, MACHINE_SLACK_MS } from './bounds.ts';

export default defineScenario({
  name: 'startup-db-late',
  description:
    'The container starts before its database is reachable (RDS still booting, a network policy not yet applied) and requests arrive from the first second. Before the fix, routes answered before Prisma was connected ("Engine is not yet connected" → 500) or the process died.',
  timeline: [at(0, dbDown()), at('4s', dbUp())],
  duration: '14s',
  load: { rate: 20, mix: { 'events.list': 3, 'events.get': 3, 'users.me': 2, 'tickets.create': 2 } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'ready-within': { withinMs: CONNECT_MAX_DELAY_MS + CONNECTION_TIMEOUT_MS + MACHINE_SLACK_MS },
    'health-truthful': { lagMs: HEALTH_LAG_MS },
    'no-lost-writes': true,
  },
});

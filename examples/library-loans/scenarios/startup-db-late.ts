import { at, dbDown, dbUp, defineScenario } from 'faultline';
import { HEALTH_LAG_MS, READY_BOUND_MS } from './bounds.ts';

export default defineScenario({
  name: 'startup-db-late',
  description:
    'The service starts before its database is reachable and requests arrive from the first second: it must answer 503 until it is connected, say so on /readyz, and serve once the database is there.',
  timeline: [at(0, dbDown()), at('4s', dbUp())],
  duration: '16s',
  load: { rate: 20 },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'ready-within': { withinMs: READY_BOUND_MS },
    'health-truthful': { lagMs: HEALTH_LAG_MS },
    'no-lost-writes': true,
  },
});

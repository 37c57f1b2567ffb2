import { afterReady, dbBandwidth, defineScenario, during } from '../harness/scenario/index.ts';
import { HALF_WRITES_MIX } from '../target-app/faultline/templates.ts';
import { QUERY_TIMEOUT_MS, TWO_QUERY_REQUEST_BUDGET_MS } from './bounds.ts';

export default defineScenario({
  name: 'db-bandwidth-starved',
  description:
    'The link to the database is starved of bandwidth (a saturated NAT gateway, a throttled instance class): every result trickles in. Nothing is down, so nothing may fail: every answer must still be correct (2xx or a real 404), in time.',
  timeline: [during(afterReady('2s'), afterReady('10s'), dbBandwidth({ rateKbps: 8, effect: 'degraded' }))],
  duration: '14s',
  load: {
    rate: 20,
    mix: HALF_WRITES_MIX,
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    // Degraded, not down: not even a 503.
    'status-allowlist': { fault: ['2xx', 404], grace: ['2xx', 404] },
    'no-5xx-except-503': true,
    'missing-records-are-404': true,
    'no-lost-writes': true,
    'answered-within': { withinMs: TWO_QUERY_REQUEST_BUDGET_MS },
    latency: { fault: [`p(95)<${QUERY_TIMEOUT_MS}`] },
  },
});

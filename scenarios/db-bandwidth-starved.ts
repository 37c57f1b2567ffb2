import { afterReady, dbBandwidth, defineScenario, during } from '../harness/scenario/index.ts';

export default defineScenario((b) => ({
  name: 'db-bandwidth-starved',
  description:
    'The link to the database is starved of bandwidth (a saturated NAT gateway, a throttled instance class): every result trickles in. Nothing is down, so nothing may fail: every answer must still be correct (2xx or a real 404), in time.',
  timeline: [during(afterReady('2s'), afterReady('10s'), dbBandwidth({ rateKbps: 8, effect: 'degraded' }))],
  duration: '14s',
  load: {
    rate: 20,
    mix: { kinds: { read: 1, write: 4, missing: 0.25 } },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    // Degraded, not down: not even a 503.
    'status-allowlist': { fault: ['2xx', 404], grace: ['2xx', 404] },
    'no-5xx-except-503': true,
    'missing-records-are-404': true,
    'no-lost-writes': true,
    'answered-within': { withinMs: b.twoQueryRequestMs },
    latency: { fault: [`p(95)<${b.queryTimeoutMs}`] },
  },
}));

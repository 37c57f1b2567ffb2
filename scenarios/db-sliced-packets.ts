import { afterReady, dbSlicer, defineScenario, during } from '../harness/scenario/index.ts';

export default defineScenario((b) => ({
  name: 'db-sliced-packets',
  description:
    'Database responses arrive in tiny fragments with delays between them (a lossy link, small MTUs, a misbehaving middlebox). The pg protocol parser must reassemble every message: answers stay correct (2xx or a real 404), none fails or corrupts.',
  timeline: [
    during(
      afterReady('2s'),
      afterReady('10s'),
      dbSlicer({ averageSizeBytes: 8, sizeVariationBytes: 4, delayUs: 500, effect: 'degraded' }),
    ),
  ],
  duration: '14s',
  load: {
    rate: 20,
    mix: { kinds: { read: 1, write: 4, missing: 0.25 } },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': { fault: ['2xx', 404], grace: ['2xx', 404] },
    'no-5xx-except-503': true,
    'missing-records-are-404': true,
    'no-lost-writes': true,
    'answered-within': { withinMs: b.twoQueryRequestMs },
    latency: { fault: [`p(95)<${b.queryTimeoutMs}`] },
  },
}));

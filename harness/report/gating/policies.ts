// The gating policies that ship with Faultline, by name. A policy named like a suite gates that
// suite unless --gating names another; anything else is gated by `default`.
import { defineGatingPolicy } from './schema.ts';
import type { GatingPolicy } from './types.ts';

/** Every check blocks, no extra thresholds, no retries: the strictest reading of a run. */
export const DEFAULT_POLICY = defineGatingPolicy({
  name: 'default',
  description: 'Every check blocks the release; no retries.',
});

/**
 * The gate before a release. Correctness checks block. Latency is advisory: these suites run on
 * shared CI machines where a busy neighbour moves percentiles, not the app. One retry absorbs an
 * infrastructure hiccup, and the report says so ("flaky, passed on retry 1").
 */
export const RELEASE_POLICY = defineGatingPolicy({
  name: 'release',
  description: 'Correctness checks block; latency is advisory; one retry, reported as flaky.',
  advisory: ['latency'],
  thresholds: {
    // Once the app is steady (not starting, no fault, past the grace period), reads and writes do
    // not fail. (P2025 probes are left out: their 404 is the right answer, and a failure to k6.)
    'http_req_failed{scenario:db-outage-under-load,phase:steady,kind:read}': ['rate<0.01'],
    'http_req_failed{scenario:db-outage-under-load,phase:steady,kind:write}': ['rate<0.01'],
    'http_req_failed{scenario:startup-db-late,phase:steady,kind:read}': ['rate<0.01'],
    'http_req_failed{scenario:startup-db-late,phase:steady,kind:write}': ['rate<0.01'],
    // Slow but answering is a warning, not a stop, on a machine others share.
    'http_req_duration{phase:steady}': [{ threshold: 'p(95)<1000', advisory: true }],
  },
  retries: 1,
});

export const GATING_POLICIES: Record<string, GatingPolicy> = {
  default: DEFAULT_POLICY,
  release: RELEASE_POLICY,
};

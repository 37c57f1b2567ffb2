import { afterReady, dbResetPeer, defineScenario, during } from '../harness/scenario/index.ts';

export default defineScenario((b) => ({
  name: 'db-connection-reset',
  description:
    'Connections to the database are reset by the peer (an RDS failover, a proxy restart, an idle timeout on a NAT): pooled connections die mid-use and new ones are reset at once. Prisma raises P1017 and unconverted "Connection terminated" errors; the app must map them all to 503, never crash on a dead pooled connection, and recover.',
  timeline: [during(afterReady('3s'), afterReady('9s'), dbResetPeer({ timeoutMs: 0 }))],
  // Long enough to see the recovery the target's bound allows after the last fault.
  duration: Math.max(19_000, 9_000 + b.recoveryMs),
  load: {
    rate: 30,
    timeout: b.dbFaultRequestMs + 5_000,
    // Half writes: one is in flight when the resets begin and when they stop.
    mix: { kinds: { read: 1, write: 5, missing: 1 } },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'fault-statuses': { expect: [{ window: 'dbResetPeer#1', status: 503, share: 0.9 }] },
    'answered-within': { withinMs: b.dbFaultRequestMs },
    'missing-records-are-404': true,
    'recovers-within': { withinMs: b.recoveryMs },
    'no-lost-writes': true,
  },
}));

import { afterReady, dbResetPeer, defineScenario, during } from '../harness/scenario/index.ts';
import { DB_FAULT_REQUEST_BUDGET_MS, RECOVERY_BOUND_MS } from './bounds.ts';

export default defineScenario({
  name: 'db-connection-reset',
  description:
    'Connections to the database are reset by the peer (an RDS failover, a proxy restart, an idle timeout on a NAT): pooled connections die mid-use and new ones are reset at once. Prisma raises P1017 and unconverted "Connection terminated" errors; the app must map them all to 503, never crash on a dead pooled connection, and recover.',
  timeline: [during(afterReady('3s'), afterReady('9s'), dbResetPeer({ timeoutMs: 0 }))],
  duration: '19s',
  load: {
    rate: 30,
    timeout: DB_FAULT_REQUEST_BUDGET_MS + 5_000,
    // Half writes: one is in flight when the resets begin and when they stop.
    mix: { 'events.list': 2, 'events.get': 2, 'users.me': 1, 'artists.update-missing': 1, 'tickets.create': 6 },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'fault-statuses': { expect: [{ window: 'dbResetPeer#1', status: 503, share: 0.9 }] },
    'answered-within': { withinMs: DB_FAULT_REQUEST_BUDGET_MS },
    'missing-records-are-404': true,
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
    'no-lost-writes': true,
  },
});

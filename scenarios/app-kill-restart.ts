import { afterReady, appKill, appStart, at, defineScenario } from '../harness/scenario/index.ts';
import { RECOVERY_BOUND_MS } from './bounds.ts';

export default defineScenario({
  name: 'app-kill-restart',
  description:
    'The container is killed mid-load (SIGKILL: the OOM killer, a failed health check, the restarts of the post-mortem) and the orchestrator starts it again — three times. In-flight requests fail, but every write the app acknowledged before dying must be in the database, and the restarted app must serve again.',
  // Seven seconds apart: each restarted process boots (a few seconds on a busy machine) and serves
  // before the next kill, or the kill tests nothing and the run is not proven.
  timeline: [
    at(afterReady('3s'), appKill({ signal: 'SIGKILL' })),
    at(afterReady('4s'), appStart()),
    at(afterReady('10s'), appKill({ signal: 'SIGKILL' })),
    at(afterReady('11s'), appStart()),
    at(afterReady('17s'), appKill({ signal: 'SIGKILL' })),
    at(afterReady('18s'), appStart()),
  ],
  duration: '28s',
  // Mostly writes: every kill should find acknowledged writes in flight.
  load: { rate: 40, mix: { 'events.list': 1, 'events.get': 1, 'users.me': 1, 'tickets.create': 7 } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'recovers-within': { withinMs: RECOVERY_BOUND_MS, targets: ['app'] },
    'no-lost-writes': true,
  },
});

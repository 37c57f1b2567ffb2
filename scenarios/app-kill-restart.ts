import { afterReady, appKill, appStart, at, defineScenario } from '../harness/scenario/index.ts';

export default defineScenario((b) => ({
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
  // Long enough to see the recovery the target's bound allows after the last fault.
  duration: Math.max(28_000, 18_000 + b.recoveryMs),
  // Mostly writes: every kill should find acknowledged writes in flight.
  load: { rate: 40, mix: { kinds: { read: 1, write: 9 } } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'recovers-within': { withinMs: b.recoveryMs, targets: ['app'] },
    'no-lost-writes': true,
  },
}));

import { afterReady, appKill, appStart, at, defineScenario } from '../harness/scenario/index.ts';

export default defineScenario((b) => {
  // Each restarted app must boot and serve before the next kill, or the kill tests nothing and the
  // run is not proven. A process boots in a few seconds on a busy machine; a container takes longer
  // (measured here: the container start, then up to 5 s before the app listens at load 4). Two
  // machine slacks between a start and the next kill leave room for both.
  const apart = 1_000 + 2 * b.slackMs;
  const kills = [3_000, 3_000 + apart, 3_000 + 2 * apart];
  const lastStart = kills[2]! + 1_000;
  return {
    name: 'app-kill-restart',
    description:
      'The container is killed mid-load (SIGKILL: the OOM killer, a failed health check, the restarts of the post-mortem) and the orchestrator starts it again — three times. In-flight requests fail, but every write the app acknowledged before dying must be in the database, and the restarted app must serve again.',
    timeline: kills.flatMap((killAt) => [
      at(afterReady(killAt), appKill({ signal: 'SIGKILL' })),
      at(afterReady(killAt + 1_000), appStart()),
    ]),
    // Long enough to see the recovery the target's bound allows after the last fault.
    duration: Math.max(lastStart + 10_000, lastStart + b.recoveryMs),
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
  };
});

// A scenario that bounds recovery must last long enough to see it. If the run ends sooner after the
// last fault it judges than the bound allows, a recovery that is slow but inside the bound (a busy
// machine, an app that boots in eight seconds) is reported as no recovery at all: a verdict about
// the harness's schedule, not the app.
import type { ConfiguredCheck } from '../checks/registry.ts';
import type { FaultTarget } from '../timeline/types.ts';
import type { PlannedAction } from './plan.ts';
import type { Anchor } from './steps.ts';

interface RecoveryOptions {
  withinMs: number;
  targets: FaultTarget[];
}

/** The problem with the scenario's length, or undefined when every judged fault has room to recover. */
export function recoveryRoomProblem(
  plan: readonly PlannedAction[],
  clock: Anchor,
  durationMs: number,
  checks: readonly ConfiguredCheck[],
): string | undefined {
  const check = checks.find((configured) => configured.name === 'recovers-within');
  if (check === undefined) return undefined;
  const { withinMs, targets } = check.options as RecoveryOptions;
  // Faults end where they are reverted, or where a restore (dbUp, appStart) ends them.
  const ends = plan
    .filter((action) => action.anchor === clock && targets.includes(action.target))
    .filter((action) => action.action === 'revert' || action.effect === 'restore')
    .map((action) => action.atMs);
  if (ends.length === 0) return undefined;
  const lastEndMs = Math.max(...ends);
  const roomMs = durationMs - lastEndMs;
  if (roomMs >= withinMs) return undefined;
  return `expected the run to go on for the recovery bound (${withinMs} ms) after the last fault it judges ends (at ${lastEndMs} ms${clock === 'ready' ? ' after ready' : ''}); the duration (${durationMs} ms) leaves ${roomMs} ms — make it at least ${lastEndMs + withinMs} ms`;
}

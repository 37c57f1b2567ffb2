// Runs a scenario's planned fault actions at their times and records every window in the
// timeline with the times the faults actually took effect and ended — not the times they were
// scheduled for: on a busy machine the two differ, and checks must judge what really happened.
import type { StartedEnvironment } from '../environment/types.ts';
import type { PlannedAction } from '../scenario/plan.ts';
import type { TimelineRecorder } from '../timeline/recorder.ts';
import { controlsOf } from './controls.ts';
import { applyFault, faultDefinition, revertFault } from './lookup.ts';
import { FaultError } from './types.ts';

export interface FaultScheduleOptions {
  env: StartedEnvironment;
  recorder: TimelineRecorder;
  actions: readonly PlannedAction[];
  /** Environment time (env.now()) that the plan's 0 ms corresponds to. */
  originMs: number;
  signal?: AbortSignal;
  onAction?: (action: PlannedAction, atMs: number) => void;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Apply one planned action now, recording its window. */
export async function runAction(
  env: StartedEnvironment,
  recorder: TimelineRecorder,
  action: PlannedAction,
): Promise<void> {
  const controls = controlsOf(env);
  try {
    if (action.action === 'revert') {
      await revertFault(action.fault, controls, action.window);
      recorder.faultEnded(action.window);
      return;
    }
    const name = recorder.faultRequested({
      name: action.window,
      kind: action.fault.type,
      target: action.target,
      effect: action.effect,
      details: { ...action.fault, source: action.source },
    });
    await applyFault(action.fault, controls, action.window);
    const effectiveAtMs = recorder.now();
    recorder.faultEffective(name, effectiveAtMs);
    if (action.effect === 'restore') {
      recorder.faultEnded(name, effectiveAtMs);
      for (const closed of action.closes) recorder.faultEnded(closed, effectiveAtMs);
    } else if (!faultDefinition(action.fault.type).revertible) {
      // A restart is one action: its window is the time it took.
      recorder.faultEnded(name, effectiveAtMs);
    }
  } catch (error) {
    if (error instanceof FaultError) throw error;
    throw new FaultError(
      `${action.action} ${action.fault.type} (${action.source}) failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Run every action at its time; resolves when the last one ran (or the signal aborted). */
export async function runFaultSchedule(options: FaultScheduleOptions): Promise<void> {
  for (const action of options.actions) {
    if (options.signal?.aborted) return;
    await sleep(options.originMs + action.atMs - options.env.now(), options.signal);
    if (options.signal?.aborted) return;
    options.onAction?.(action, options.env.now() - options.originMs);
    await runAction(options.env, options.recorder, action);
  }
}

/**
 * Waits for the app's first healthy answer, then runs the actions counted from it (afterReady
 * steps). Resolves false when readiness never came — the run ended or was aborted first — and so
 * none of them ran: what they were to prove was not tried.
 */
export async function runFaultScheduleAfterReady(
  options: Omit<FaultScheduleOptions, 'originMs'> & {
    /** Environment time of the scenario's 0 ms. */
    runOriginMs: number;
    /** The scenario time of the first healthy answer, or null when it never came. */
    ready: Promise<number | null>;
  },
): Promise<boolean> {
  if (options.actions.length === 0) return true;
  const readyAtMs = await options.ready;
  if (readyAtMs === null || options.signal?.aborted) return false;
  await runFaultSchedule({ ...options, originMs: options.runOriginMs + readyAtMs });
  return true;
}

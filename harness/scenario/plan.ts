// Expands a scenario's timeline steps into the ordered list of actions the fault scheduler runs.
// Each action names the fault window it opens or closes, so the scheduler can record windows in the
// timeline with names that match the plan (recorder.faultRequested({ name: action.window, ... })).
import type { FaultEffect, FaultTarget } from '../timeline/types.ts';
import type { Fault } from './faults.ts';
import { faultDefinition, faultEffect } from './faults.ts';
import type { Anchor, Step } from './steps.ts';

export interface PlannedAction {
  /** When, counted from `anchor`: the process start, or the app's first healthy answer. */
  atMs: number;
  anchor: Anchor;
  /** apply: do the fault (for a restore such as dbUp, do it and end `closes`); revert: undo it. */
  action: 'apply' | 'revert';
  fault: Fault;
  target: FaultTarget;
  effect: FaultEffect;
  /** The window this action opens (apply) or ends (revert); for restores, the restore's own name. */
  window: string;
  /** For restores: the still-open windows this apply ends. */
  closes: string[];
  /** Where it came from in the scenario, e.g. 'timeline[2]', for messages. */
  source: string;
}

interface Draft extends PlannedAction {
  order: number;
}

/**
 * The actions of every step, those counted from the process start first, then those counted from
 * readiness: each group in time order (the runner places the second group once the app is ready).
 * A restore ends the windows of its own group only; their distance in time is unknown beforehand.
 */
export function planFaults(steps: readonly Step[]): PlannedAction[] {
  const counters = new Map<string, number>();
  return (['start', 'ready'] as const).flatMap((anchor) =>
    planGroup(
      steps.filter((step) => step.anchor === anchor),
      anchor,
      counters,
    ),
  );
}

function planGroup(steps: readonly Step[], anchor: Anchor, counters: Map<string, number>): PlannedAction[] {
  const drafts: Draft[] = [];
  const nameFor = (fault: Fault): string => {
    const n = (counters.get(fault.type) ?? 0) + 1;
    counters.set(fault.type, n);
    return `${fault.type}#${n}`;
  };
  const push = (atMs: number, action: 'apply' | 'revert', fault: Fault, window: string, source: string): void => {
    drafts.push({
      atMs,
      anchor,
      action,
      fault,
      target: faultDefinition(fault.type).target,
      effect: faultEffect(fault),
      window,
      closes: [],
      source,
      order: drafts.length,
    });
  };

  steps.forEach((step, index) => {
    const source = `timeline[${index}]`;
    if (step.step === 'at') {
      push(step.atMs, 'apply', step.fault, nameFor(step.fault), source);
    } else if (step.step === 'during') {
      const window = nameFor(step.fault);
      push(step.fromMs, 'apply', step.fault, window, source);
      push(step.untilMs, 'revert', step.fault, window, source);
    } else {
      for (let startMs = step.fromMs; startMs < step.untilMs; startMs += step.everyMs) {
        const window = nameFor(step.fault);
        push(startMs, 'apply', step.fault, window, source);
        push(Math.min(startMs + step.holdForMs, step.untilMs), 'revert', step.fault, window, source);
      }
    }
  });

  // Reverts before applies at the same instant, so back-to-back windows do not cancel each other.
  drafts.sort(
    (a, b) => a.atMs - b.atMs || (a.action === b.action ? 0 : a.action === 'revert' ? -1 : 1) || a.order - b.order,
  );

  // Sweep: a restore (dbUp) ends every open window it restores; a later revert of such a window is
  // dropped, since the window is already over.
  const open = new Map<string, Fault['type']>();
  const closedEarly = new Set<string>();
  const actions: PlannedAction[] = [];
  for (const { order: _order, ...action } of drafts) {
    if (action.action === 'revert') {
      if (closedEarly.has(action.window)) continue;
      open.delete(action.window);
      actions.push(action);
      continue;
    }
    const restores = faultDefinition(action.fault.type).restores;
    if (restores.length > 0) {
      for (const [window, type] of open) {
        if (!restores.includes(type)) continue;
        action.closes.push(window);
        open.delete(window);
        closedEarly.add(window);
      }
    } else {
      open.set(action.window, action.fault.type);
    }
    actions.push(action);
  }
  return actions;
}

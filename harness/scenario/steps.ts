// The three ways a scenario places faults on its timeline:
//   at('3s', dbDown())                          apply once (a restore such as dbUp() ends what it restores)
//   during('3s', '8s', dbLatency({...}))         apply at the start, revert at the end
//   every('2s', dbDown(), { from, until, holdFor }) flapping: apply every period for holdFor (default half)
// Times count from the app process's start (what a startup fault means: "the database is down when the
// app boots"), or, written afterReady('2s'), from the moment the app first answered healthy — what a
// runtime fault means ("2 s into serving"), whatever the boot took on a busy machine.
import type { Duration } from '../lib/duration.ts';
import type { Fault, FaultInput } from './faults.ts';

/** A time counted from the app's first healthy answer instead of the process start. */
export interface ReadyTime {
  afterReady: Duration;
}
export type StepTime = Duration | ReadyTime;

/** What a step's times count from: the run's start (process start) or the app being ready. */
export type Anchor = 'start' | 'ready';

export type StepInput =
  | { step: 'at'; at: StepTime; fault: FaultInput }
  | { step: 'during'; from: StepTime; until: StepTime; fault: FaultInput }
  | { step: 'every'; every: Duration; fault: FaultInput; from: StepTime; until: StepTime; holdFor?: Duration };

export type Step = { anchor: Anchor } & (
  | { step: 'at'; atMs: number; fault: Fault }
  | { step: 'during'; fromMs: number; untilMs: number; fault: Fault }
  | { step: 'every'; everyMs: number; fault: Fault; fromMs: number; untilMs: number; holdForMs: number }
);

/** `during(afterReady('2s'), afterReady('10s'), dbTimeout(...))`: 2 s after the app is first ready. */
export function afterReady(time: Duration): ReadyTime {
  return { afterReady: time };
}

export function at(time: StepTime, fault: FaultInput): StepInput {
  return { step: 'at', at: time, fault };
}

export function during(from: StepTime, until: StepTime, fault: FaultInput): StepInput {
  return { step: 'during', from, until, fault };
}

export function every(
  period: Duration,
  fault: FaultInput,
  window: { from: StepTime; until: StepTime; holdFor?: Duration },
): StepInput {
  return { step: 'every', every: period, fault, ...window };
}

// The three ways a scenario places faults on its timeline:
//   at('3s', dbDown())                          apply once (a restore such as dbUp() ends what it restores)
//   during('3s', '8s', dbLatency({...}))         apply at the start, revert at the end
//   every('2s', dbDown(), { from, until, holdFor }) flapping: apply every period for holdFor (default half)
import type { Duration } from '../lib/duration.ts';
import type { Fault, FaultInput } from './fault-types.ts';

export type StepInput =
  | { step: 'at'; at: Duration; fault: FaultInput }
  | { step: 'during'; from: Duration; until: Duration; fault: FaultInput }
  | { step: 'every'; every: Duration; fault: FaultInput; from: Duration; until: Duration; holdFor?: Duration };

export type Step =
  | { step: 'at'; atMs: number; fault: Fault }
  | { step: 'during'; fromMs: number; untilMs: number; fault: Fault }
  | { step: 'every'; everyMs: number; fault: Fault; fromMs: number; untilMs: number; holdForMs: number };

export function at(time: Duration, fault: FaultInput): StepInput {
  return { step: 'at', at: time, fault };
}

export function during(from: Duration, until: Duration, fault: FaultInput): StepInput {
  return { step: 'during', from, until, fault };
}

export function every(
  period: Duration,
  fault: FaultInput,
  window: { from: Duration; until: Duration; holdFor?: Duration },
): StepInput {
  return { step: 'every', every: period, fault, ...window };
}

// recovers-within: after each fault ends, the app serves again — N consecutive requests answered
// without a 5xx or transport error — within a bound. Figure: recovery time in ms per fault (from
// the fault's end to the send time of the first request of that streak).
// A fault followed by another before the bound elapsed (flapping) is "interrupted", not failed:
// recovery is judged after the last one. Faults that never ended are not expected to recover.
import { z } from 'zod';
import { durationMsSchema } from '../lib/duration.ts';
import { faultWindows } from '../timeline/phases.ts';
import { bySendTime, wasSent } from '../timeline/samples.ts';
import type { FaultTarget, FaultWindow, Sample } from '../timeline/types.ts';
import { checkResult, tally } from './result.ts';
import type { Check, Evidence } from './types.ts';

export interface RecoversWithinOptions {
  withinMs: number;
  consecutive: number;
  targets: FaultTarget[];
}

const served = (sample: Sample): boolean => sample.status !== null && sample.status < 500;

export type Recovery =
  | { fault: FaultWindow; outcome: 'recovered'; recoveryMs: number }
  | { fault: FaultWindow; outcome: 'interrupted' | 'not-recovered' | 'no-requests'; recoveryMs: null };

export function recoveryAfter(
  fault: FaultWindow,
  samples: readonly Sample[],
  nextFaultAtMs: number,
  options: RecoversWithinOptions,
): Recovery {
  const endedAtMs = fault.endedAtMs as number;
  const after = samples.filter((sample) => sample.startedAtMs >= endedAtMs && sample.startedAtMs < nextFaultAtMs);
  let streakStart: Sample | null = null;
  let streak = 0;
  for (const sample of after) {
    if (!served(sample)) {
      streak = 0;
      streakStart = null;
      continue;
    }
    if (streak === 0) streakStart = sample;
    streak++;
    if (streak >= options.consecutive)
      return { fault, outcome: 'recovered', recoveryMs: (streakStart as Sample).startedAtMs - endedAtMs };
  }
  if (nextFaultAtMs < endedAtMs + options.withinMs) return { fault, outcome: 'interrupted', recoveryMs: null };
  return { fault, outcome: after.length === 0 ? 'no-requests' : 'not-recovered', recoveryMs: null };
}

export const recoversWithin: Check<RecoversWithinOptions> = {
  name: 'recovers-within',
  description: 'After each fault ends, N consecutive requests are served (no 5xx, no transport error) within a bound.',
  optionsSchema: z.strictObject({
    withinMs: durationMsSchema,
    consecutive: z.number().int().min(1).default(5),
    targets: z
      .array(z.enum(['database', 'redis', 'app']))
      .min(1)
      .default(['database', 'redis', 'app']),
  }),
  evaluate(timeline, { options }) {
    const samples = bySendTime(timeline.samples.filter(wasSent));
    const windows = faultWindows(timeline).filter((window) => options.targets.includes(window.target));
    const allStarts = faultWindows(timeline).map((window) => window.requestedAtMs);
    const counts: Record<string, number> = {};
    const figures: Record<string, number> = {};
    const offending: Evidence[] = [];
    let maxRecoveryMs = 0;
    for (const fault of windows) {
      if (fault.endedAtMs === null) {
        tally(counts, 'never-ended');
        continue;
      }
      const nextFaultAtMs = Math.min(
        Number.POSITIVE_INFINITY,
        ...allStarts.filter((atMs) => atMs > (fault.endedAtMs as number)),
      );
      const recovery = recoveryAfter(fault, samples, nextFaultAtMs, options);
      tally(counts, recovery.outcome);
      if (recovery.outcome === 'recovered') {
        figures[`${fault.name} recoveryMs`] = Math.round(recovery.recoveryMs);
        maxRecoveryMs = Math.max(maxRecoveryMs, recovery.recoveryMs);
        if (recovery.recoveryMs > options.withinMs) {
          offending.push({
            type: 'fault',
            fault,
            note: `${fault.name}: recovered after ${Math.round(recovery.recoveryMs)} ms, bound ${options.withinMs} ms`,
          });
        }
      } else if (recovery.outcome !== 'interrupted') {
        offending.push({
          type: 'fault',
          fault,
          note:
            recovery.outcome === 'no-requests'
              ? `${fault.name}: no request after it ended, so recovery was never observed`
              : `${fault.name}: never served ${options.consecutive} requests in a row after it ended`,
        });
      }
    }
    figures.maxRecoveryMs = Math.round(maxRecoveryMs);
    const judged = windows.length - (counts['never-ended'] ?? 0) - (counts.interrupted ?? 0);
    figures.faultsJudged = judged;
    return checkResult(this.name, {
      passed: judged > 0 && offending.length === 0,
      proven: judged > 0,
      summary:
        judged === 0
          ? 'No fault ended in a way that lets recovery be judged: nothing was proven.'
          : offending.length === 0
            ? `Recovered from all ${judged} faults within ${options.withinMs} ms (slowest ${Math.round(maxRecoveryMs)} ms).`
            : `${offending.length} of ${judged} faults were not recovered from within ${options.withinMs} ms.`,
      figures,
      counts,
      offending,
    });
  },
};

// answered-within: while a fault holds, every request gets an answer within a bound derived from
// the app's own timeouts (for a database fault: one wait for a pooled connection plus one query
// timeout, plus slack) — never a hang. A correctness check, not a percentile: one request that hung
// on a black-holed database is the post-mortem's failure, however fast the others were. A request
// the client gave up on (a timeout) hung; refused or reset connections are not judged here (they
// are no answer at all: no-crash and db-failures-are-503 see those). Requires at least one answered
// request overlapping a fault of the targets: otherwise nothing was proven. A Socket.IO session
// (kind 'socket', when the scenario lists it) is judged as a whole: acked, refused or given an error
// acknowledgement within the bound — its handshake and its events each wait on the database at most
// once before the first failure ends it.
import { z } from 'zod';
import { formatDuration } from '../lib/duration.ts';
import { durationMsSchema } from '../lib/duration.ts';
import { faultWindows, windowInterval } from '../timeline/phases.ts';
import { gotAnswer, latencyMs, wasSent } from '../timeline/samples.ts';
import type { FaultTarget, Sample, SampleKind } from '../timeline/types.ts';
import { checkResult, sampleEvidence, tally } from './result.ts';
import type { Check, Evidence } from './types.ts';

export interface AnsweredWithinOptions {
  withinMs: number;
  targets: FaultTarget[];
  kinds: SampleKind[];
}

const hung = (sample: Sample, withinMs: number): boolean =>
  (!gotAnswer(sample) && sample.errorClass === 'timeout') || (gotAnswer(sample) && latencyMs(sample) > withinMs);

export const answeredWithin: Check<AnsweredWithinOptions> = {
  name: 'answered-within',
  description:
    'Every request overlapping a fault was answered within the bound the app’s timeouts promise (no hung request).',
  optionsSchema: z.strictObject({
    withinMs: durationMsSchema.refine((ms) => ms > 0, 'expected a bound > 0'),
    targets: z
      .array(z.enum(['database', 'redis', 'app']))
      .min(1)
      .default(['database']),
    kinds: z
      .array(z.enum(['read', 'write', 'p2025-probe', 'health', 'socket']))
      .min(1)
      .default(['read', 'write', 'p2025-probe']),
  }),
  evaluate(timeline, { options }) {
    const windows = faultWindows(timeline).filter((window) => options.targets.includes(window.target));
    const intervals = windows.map(windowInterval);
    const counts: Record<string, number> = {};
    const offending: Evidence[] = [];
    let judged = 0;
    let answered = 0;
    let slowestMs = 0;
    for (const sample of timeline.samples) {
      if (!wasSent(sample) || !options.kinds.includes(sample.kind)) continue;
      if (!intervals.some((interval) => sample.startedAtMs < interval.endMs && sample.endedAtMs >= interval.startMs))
        continue;
      if (!gotAnswer(sample) && sample.errorClass !== 'timeout') {
        tally(counts, `no answer (${sample.errorClass ?? 'other'})`);
        continue;
      }
      judged++;
      if (gotAnswer(sample)) answered++;
      slowestMs = Math.max(slowestMs, latencyMs(sample));
      if (hung(sample, options.withinMs)) {
        tally(counts, 'hung');
        offending.push(
          sampleEvidence(
            sample,
            !gotAnswer(sample)
              ? `no answer before the client gave up after ${formatDuration(latencyMs(sample))} (bound ${formatDuration(options.withinMs)})`
              : `answered after ${formatDuration(latencyMs(sample))}, beyond the bound of ${formatDuration(options.withinMs)}`,
          ),
        );
      } else tally(counts, 'within');
    }
    const figures = {
      withinMs: options.withinMs,
      requestsDuringFault: judged,
      hung: offending.length,
      slowestMs: Math.round(slowestMs),
      faultWindows: windows.length,
    };
    const targets = options.targets.join('/');
    return checkResult(this.name, {
      passed: answered > 0 && offending.length === 0,
      proven: answered > 0 || offending.length > 0,
      summary:
        answered === 0
          ? `No request was answered during a ${targets} fault (${windows.length} fault windows): nothing was proven.`
          : offending.length === 0
            ? `All ${judged} requests during ${targets} faults were answered within ${formatDuration(options.withinMs)} (slowest ${formatDuration(slowestMs)}).`
            : `${offending.length} of ${judged} requests during ${targets} faults hung past ${formatDuration(options.withinMs)}.`,
      figures,
      counts,
      offending,
    });
  },
};

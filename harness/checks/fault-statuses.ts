// fault-statuses: what a scenario's description promises the fault will make the app answer —
// "beyond the query timeout every request is a 503", "queued requests get 503 when the pool gives
// up" — as counted expectations over the requests sent while a fault held:
//   'fault-statuses': { expect: [{ status: 503, atLeast: 150 }, { window: 'dbLatency#2', status: 503, share: 0.9 }] }
// A window is named by the plan (`<faultType>#<n>`, the n-th fault of that type); without one, every
// window of the target (default: the database) counts. An app that answers 2xx where the fault must
// bite (its timeouts removed, an error swallowed) fails here though nothing it answered was a 5xx.
import { z } from 'zod';
import { faultWindows } from '../timeline/phases.ts';
import { wasAnswered, wasSent } from '../timeline/samples.ts';
import type { FaultWindow, SampleKind } from '../timeline/types.ts';
import { checkResult, plural, sampleEvidence, tally } from './result.ts';
import type { Check, Evidence } from './types.ts';

export interface StatusExpectation {
  status: number;
  /** At least this many answers of `status`. */
  atLeast?: number;
  /** At least this share (0–1] of the answers sent in the window(s). */
  share?: number;
  /** A window name from the plan, e.g. 'dbLatency#2'; absent: every window of `target`. */
  window?: string;
  target: FaultWindow['target'];
}

export interface FaultStatusesOptions {
  expect: StatusExpectation[];
  kinds: SampleKind[];
}

const expectationSchema = z
  .strictObject({
    status: z.number().int().min(100).max(599),
    atLeast: z.number().int().min(1).optional(),
    share: z.number().gt(0).max(1).optional(),
    window: z
      .string()
      .regex(/^[a-zA-Z]+#\d+$/, "expected a window name from the plan such as 'dbLatency#2'")
      .optional(),
    target: z.enum(['database', 'redis', 'app']).default('database'),
  })
  .refine((value) => value.atLeast !== undefined || value.share !== undefined, {
    message: 'expected atLeast (a count) or share (a fraction of the answers), or both',
  });

const describeExpectation = (expectation: StatusExpectation): string =>
  `${[
    ...(expectation.atLeast === undefined ? [] : [`≥ ${expectation.atLeast}`]),
    ...(expectation.share === undefined ? [] : [`≥ ${Math.round(expectation.share * 100)}%`]),
  ].join(' and ')} × ${expectation.status} during ${expectation.window ?? `${expectation.target} faults`}`;

export const faultStatuses: Check<FaultStatusesOptions> = {
  name: 'fault-statuses',
  description: 'While a fault held, the app answered what the scenario says it must (e.g. at least N × 503).',
  optionsSchema: z.strictObject({
    expect: z.array(expectationSchema).min(1),
    kinds: z
      .array(z.enum(['read', 'write', 'p2025-probe', 'health']))
      .min(1)
      .default(['read', 'write']),
  }),
  evaluate(timeline, { options }) {
    const figures: Record<string, number> = {};
    const counts: Record<string, number> = {};
    const offending: Evidence[] = [];
    const failed: string[] = [];
    const held: string[] = [];
    for (const expectation of options.expect) {
      const label = describeExpectation(expectation);
      const windows = faultWindows(timeline).filter((window) =>
        expectation.window === undefined ? window.target === expectation.target : window.name === expectation.window,
      );
      if (windows.length === 0) {
        failed.push(`${label}: that fault was never applied`);
        figures[`${label} matching`] = -1;
        continue;
      }
      const inWindow = timeline.samples.filter(
        (sample) =>
          wasSent(sample) &&
          wasAnswered(sample) &&
          options.kinds.includes(sample.kind) &&
          windows.some(
            (window) =>
              sample.startedAtMs >= window.effectiveAtMs && sample.startedAtMs < (window.endedAtMs ?? Infinity),
          ),
      );
      const matching = inWindow.filter((sample) => sample.status === expectation.status).length;
      for (const sample of inWindow) tally(counts, `${expectation.window ?? expectation.target}: ${sample.status}`);
      figures[`${label} matching`] = matching;
      figures[`${label} answered`] = inWindow.length;
      const enough = expectation.atLeast === undefined || matching >= expectation.atLeast;
      const share = inWindow.length === 0 ? 0 : matching / inWindow.length;
      const enoughShare = expectation.share === undefined || share >= expectation.share;
      if (enough && enoughShare && matching > 0) {
        held.push(`${label}: ${matching} of ${inWindow.length}`);
        continue;
      }
      failed.push(`${label}: ${matching} of ${plural(inWindow.length, 'answer')}`);
      // The answers that should have been `status` are the evidence.
      for (const sample of inWindow.filter((sample) => sample.status !== expectation.status).slice(0, 5))
        offending.push(sampleEvidence(sample, `expected ${expectation.status} while ${windows[0]?.name} held`));
    }
    return checkResult(this.name, {
      passed: failed.length === 0,
      summary:
        failed.length === 0
          ? `The fault made the app answer as described: ${held.join('; ')}.`
          : `Not what the fault must make the app answer: ${failed.join('; ')}.`,
      figures,
      counts,
      offending,
    });
  },
};

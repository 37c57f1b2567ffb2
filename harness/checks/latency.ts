// latency: k6-style thresholds on request durations, per phase — e.g.
//   latency: { steady: ['p(95)<500', 'avg<200'], fault: ['max<3000'], all: ['p(99.9)<5000'] }
// Expressions are parsed when the scenario is validated (a bad one is a ScenarioError naming it);
// the report keeps their original text. Durations count answered requests and timeouts (a timeout
// is slowness, not absence); connection errors and dropped requests have no meaningful duration.
import { z } from 'zod';
import { PHASES, PhaseMap, type Phase } from '../timeline/phases.ts';
import { latencyMs, wasSent } from '../timeline/samples.ts';
import type { Sample, SampleKind } from '../timeline/types.ts';
import { checkResult, sampleEvidence } from './result.ts';
import {
  THRESHOLD_EXPECTATION,
  ThresholdError,
  aggregateOf,
  holds,
  parseThreshold,
  type Threshold,
} from './threshold.ts';
import type { Check, Evidence } from './types.ts';

type Scope = Phase | 'all';
const SCOPES: Scope[] = [...PHASES, 'all'];

export type LatencyOptions = { thresholds: { scope: Scope; threshold: Threshold }[]; kinds: SampleKind[] };

const thresholdSchema = z.string({ error: `expected ${THRESHOLD_EXPECTATION}` }).transform((source, ctx): Threshold => {
  try {
    return parseThreshold(source);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof ThresholdError ? error.message : String(error) });
    return z.NEVER;
  }
});

const timed = (sample: Sample): boolean =>
  wasSent(sample) && (sample.status !== null || sample.errorClass === 'timeout');

export const latency: Check<LatencyOptions> = {
  name: 'latency',
  description: 'Request durations meet k6-style thresholds (p(95)<500, avg<200, max<3000, ...) per phase.',
  optionsSchema: z
    .strictObject({
      ...(Object.fromEntries(SCOPES.map((scope) => [scope, z.array(thresholdSchema).optional()])) as Record<
        Scope,
        z.ZodOptional<z.ZodArray<typeof thresholdSchema>>
      >),
      kinds: z
        .array(z.enum(['read', 'write', 'p2025-probe', 'health']))
        .min(1)
        .default(['read', 'write', 'p2025-probe']),
    })
    .transform((given, ctx): LatencyOptions => {
      const thresholds = SCOPES.flatMap((scope) => (given[scope] ?? []).map((threshold) => ({ scope, threshold })));
      if (thresholds.length === 0)
        ctx.addIssue({ code: 'custom', message: `expected at least one threshold list under ${SCOPES.join(', ')}` });
      return { thresholds, kinds: given.kinds };
    }),
  evaluate(timeline, { options, scenario }) {
    const phases = PhaseMap.of(timeline, { graceMs: scenario.graceMs });
    const byScope = new Map<Scope, Sample[]>(SCOPES.map((scope) => [scope, []]));
    for (const sample of timeline.samples) {
      if (!timed(sample) || !options.kinds.includes(sample.kind)) continue;
      byScope.get(phases.phaseOf(sample.startedAtMs, sample.endedAtMs))?.push(sample);
      byScope.get('all')?.push(sample);
    }
    const figures: Record<string, number> = {};
    const counts: Record<string, number> = {};
    const evidencePerThreshold: Evidence[][] = [];
    const failed: string[] = [];
    for (const { scope, threshold } of options.thresholds) {
      const samples = byScope.get(scope) ?? [];
      const actual = aggregateOf(threshold, samples.map(latencyMs));
      const key = `${scope} ${threshold.source}`;
      figures[key] = Number.isNaN(actual) ? -1 : Math.round(actual * 10) / 10;
      counts[`${scope} samples`] = samples.length;
      if (holds(threshold, actual)) continue;
      failed.push(Number.isNaN(actual) ? `${key} (no samples)` : `${key} (was ${Math.round(actual)})`);
      // The slowest requests of the scope are the evidence.
      const slowest = [...samples].sort((a, b) => latencyMs(b) - latencyMs(a)).slice(0, 5);
      evidencePerThreshold.push(
        slowest.map((sample) => sampleEvidence(sample, `${Math.round(latencyMs(sample))} ms, threshold ${key}`)),
      );
    }
    // Interleave, so that every crossed threshold shows its slowest request within the five.
    const offending: Evidence[] = [];
    for (let rank = 0; rank < 5; rank++)
      for (const list of evidencePerThreshold) if (list[rank] !== undefined) offending.push(list[rank] as Evidence);
    return checkResult(this.name, {
      passed: failed.length === 0,
      summary:
        failed.length === 0
          ? `All ${options.thresholds.length} latency thresholds held.`
          : `Thresholds crossed: ${failed.join('; ')}.`,
      figures,
      counts,
      offending,
    });
  },
};

// A policy's thresholds as check results: one per expression, named like k6 prints them
// ('http_req_failed{phase:steady} rate<0.01'), so every report lists them beside the checks and a
// JUnit test case exists for each. A threshold with nothing to measure fails, as the checks do:
// a gate that judged nothing proves nothing.
import { checkResult, describeSample, plural } from '../../checks/result.ts';
import type { CheckResult, Evidence } from '../../checks/types.ts';
import { latencyMs } from '../../timeline/samples.ts';
import type { Timeline } from '../../timeline/types.ts';
import { expressionHolds, measure } from './metrics.ts';
import type { CheckRole, GatingPolicy } from './types.ts';

export interface ThresholdCheck {
  result: CheckResult;
  role: CheckRole;
}

export function thresholdCheckName(key: string, source: string): string {
  return `${key} ${source.replace(/\s+/g, '')}`;
}

const round = (value: number): number => (Number.isNaN(value) ? -1 : Math.round(value * 1_000) / 1_000);

export function evaluateThresholds(
  policy: GatingPolicy,
  timeline: Timeline,
  context: { scenario: string; graceMs: number },
): ThresholdCheck[] {
  const results: ThresholdCheck[] = [];
  for (const threshold of policy.thresholds) {
    if (threshold.tags.scenario !== undefined && threshold.tags.scenario !== context.scenario) continue;
    for (const { expression, role } of threshold.expressions) {
      const name = thresholdCheckName(threshold.key, expression.source);
      const { value, count, samples } = measure(threshold, expression, timeline, context);
      // A policy-wide threshold applies where its metric has data (a scenario whose app never starts
      // has no steady phase); one aimed at this scenario by its tag must judge something.
      if (count === 0 && threshold.tags.scenario === undefined) continue;
      const passed = expressionHolds(expression, value);
      const shown = Number.isNaN(value)
        ? 'no samples'
        : threshold.metric === 'http_req_failed'
          ? `${(value * 100).toFixed(2)}%`
          : `${round(value)}`;
      // Evidence: the slowest requests for a duration, the first failed ones for a rate.
      const offending: Evidence[] = passed
        ? []
        : (threshold.metric === 'http_req_duration'
            ? [...samples].sort((a, b) => latencyMs(b) - latencyMs(a))
            : samples
          )
            .slice(0, 5)
            .map((sample) => ({
              type: 'sample',
              sample,
              note:
                threshold.metric === 'http_req_duration'
                  ? `${describeSample(sample)}: ${Math.round(latencyMs(sample))} ms`
                  : describeSample(sample),
            }));
      if (!passed && Number.isNaN(value))
        offending.push({ type: 'note', note: `no request matched ${threshold.key} in this scenario` });
      results.push({
        role,
        result: checkResult(name, {
          passed,
          summary: `${threshold.key} ${expression.source} ${passed ? 'held' : 'crossed'}: ${expression.aggregate === 'p' ? `p(${expression.percentile})` : expression.aggregate} was ${shown} over ${plural(count, 'request')}${threshold.metric === 'http_req_failed' ? ` (${samples.length} failed)` : ''}.`,
          figures: { [expression.source.replace(/\s+/g, '')]: round(value) },
          counts: { requests: count },
          offending,
        }),
      });
    }
  }
  return results;
}

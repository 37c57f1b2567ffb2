// The k6 metrics a gating threshold can name, computed from the recorded timeline instead of from
// k6's own output, so the same policy gates the builtin engine and k6 alike:
//   http_req_duration  trend, ms, of requests that were answered or timed out (k6 times those too)
//   http_req_failed    rate of sent requests that got no answer or a status outside 200–399 (k6's default)
//   http_reqs          counter of sent requests; `rate` is per second of the load, as in k6
// Filters use k6's sub-metric syntax: `http_req_duration{phase:steady,kind:write}`.
import { aggregateOf, holds, parseThreshold, ThresholdError } from '../../checks/threshold.ts';
import { PHASES, PhaseMap, type Phase } from '../../timeline/phases.ts';
import { isHttp, latencyMs, wasSent } from '../../timeline/samples.ts';
import type { Sample, Timeline } from '../../timeline/types.ts';
import type { GateExpression, GatingThreshold, MetricName, MetricTag } from './types.ts';

export const METRICS: Record<MetricName, { kind: 'trend' | 'rate' | 'counter'; aggregates: string }> = {
  http_req_duration: { kind: 'trend', aggregates: 'avg, min, max, med, count, p(N)' },
  http_req_failed: { kind: 'rate', aggregates: 'rate' },
  http_reqs: { kind: 'counter', aggregates: 'count, rate' },
};

export const METRIC_TAGS: readonly MetricTag[] = ['scenario', 'phase', 'kind', 'template', 'name', 'method', 'status'];

const KEY = /^([a-z_]+)(?:\{([^{}]*)\})?$/;
const RATE = /^\s*rate\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/;

/** 'http_req_duration{phase:steady}' → metric and tags; throws an Error saying what was expected. */
export function parseMetricKey(key: string): { metric: MetricName; tags: Partial<Record<MetricTag, string>> } {
  const match = KEY.exec(key.trim());
  if (match === null)
    throw new Error(
      `expected a metric such as 'http_req_duration' or 'http_req_failed{phase:steady}', got ${JSON.stringify(key)}`,
    );
  const [, name, tagText] = match as unknown as [string, string, string | undefined];
  if (!(name in METRICS)) throw new Error(`unknown metric "${name}"; known: ${Object.keys(METRICS).join(', ')}`);
  const tags: Partial<Record<MetricTag, string>> = {};
  for (const pair of (tagText ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [tag, value] = pair.split(':').map((part) => part.trim()) as [string, string | undefined];
    if (!(METRIC_TAGS as readonly string[]).includes(tag) || value === undefined || value === '') {
      throw new Error(`expected tag:value with a tag among ${METRIC_TAGS.join(', ')}, got ${JSON.stringify(pair)}`);
    }
    if (tag === 'phase' && !(PHASES as readonly string[]).includes(value))
      throw new Error(`phase must be one of ${PHASES.join(', ')}, got "${value}"`);
    tags[tag as MetricTag] = value;
  }
  return { metric: name as MetricName, tags };
}

/** An expression valid for the metric: k6's trend aggregates for durations, `rate` for rates and counters. */
export function parseExpression(metric: MetricName, source: string): GateExpression {
  const rate = RATE.exec(source);
  const kind = METRICS[metric].kind;
  if (rate !== null) {
    if (kind === 'trend') throw new ThresholdError(source, `${metric} is a trend: use ${METRICS[metric].aggregates}`);
    return { source, aggregate: 'rate', operator: rate[1] as GateExpression['operator'], value: Number(rate[2]) };
  }
  const parsed = parseThreshold(source);
  if (kind === 'rate') throw new ThresholdError(source, `${metric} is a rate: use 'rate<0.01' and the like`);
  if (kind === 'counter' && parsed.aggregate !== 'count')
    throw new ThresholdError(source, `${metric} is a counter: use ${METRICS[metric].aggregates}`);
  return parsed;
}

// The http_req_* metrics are HTTP's: Socket.IO sessions have no status (sockets-fail-closed judges them).
const isLoad = (sample: Sample): boolean => sample.kind !== 'health' && isHttp(sample) && wasSent(sample);
const failed = (sample: Sample): boolean => sample.status === null || sample.status < 200 || sample.status >= 400;
const timed = (sample: Sample): boolean => sample.status !== null || sample.errorClass === 'timeout';

export interface MetricValue {
  /** NaN when there was nothing to aggregate. */
  value: number;
  /** How many requests the value was computed from. */
  count: number;
  /** The requests that make the value what it is: all measured ones for a duration, the failed ones for a rate. */
  samples: Sample[];
}

/** The threshold's metric over one scenario's timeline, filtered by its tags. */
export function measure(
  threshold: GatingThreshold,
  expression: GateExpression,
  timeline: Timeline,
  context: { scenario: string; graceMs: number },
): MetricValue {
  const { tags } = threshold;
  if (tags.scenario !== undefined && tags.scenario !== context.scenario)
    return { value: Number.NaN, count: 0, samples: [] };
  const phases = tags.phase === undefined ? undefined : PhaseMap.of(timeline, { graceMs: context.graceMs });
  const samples = timeline.samples.filter(
    (sample) =>
      isLoad(sample) &&
      (tags.kind === undefined || sample.kind === tags.kind) &&
      (tags.template === undefined || sample.template === tags.template) &&
      (tags.name === undefined || sample.routeTemplate === tags.name) &&
      (tags.method === undefined || sample.method === tags.method.toUpperCase()) &&
      (tags.status === undefined || String(sample.status ?? 0) === tags.status) &&
      (phases === undefined || phases.phaseOf(sample.startedAtMs, sample.endedAtMs) === (tags.phase as Phase)),
  );
  switch (threshold.metric) {
    case 'http_req_duration': {
      const timedSamples = samples.filter(timed);
      return {
        value: aggregateOf(expression as Exclude<GateExpression, { aggregate: 'rate' }>, timedSamples.map(latencyMs)),
        count: timedSamples.length,
        samples: timedSamples,
      };
    }
    case 'http_req_failed': {
      const bad = samples.filter(failed);
      return {
        value: samples.length === 0 ? Number.NaN : bad.length / samples.length,
        count: samples.length,
        samples: bad,
      };
    }
    case 'http_reqs': {
      if (expression.aggregate === 'count') return { value: samples.length, count: samples.length, samples };
      const first = Math.min(...samples.map((sample) => sample.startedAtMs));
      const last = Math.max(...samples.map((sample) => sample.startedAtMs));
      return {
        value: samples.length < 2 || last === first ? Number.NaN : samples.length / ((last - first) / 1_000),
        count: samples.length,
        samples,
      };
    }
  }
}

export function expressionHolds(expression: GateExpression, actual: number): boolean {
  return holds({ ...expression, aggregate: 'avg' }, actual);
}

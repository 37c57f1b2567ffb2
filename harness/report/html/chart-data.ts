// What the timeline charts show, as plain data computed from a recorded timeline: requests per
// time bucket by outcome, latency percentiles per bucket, health-probe states as segments, fault
// windows, restores and process events. Pure functions, so the HTML and Markdown charts agree and
// a test can check the numbers without a browser.
import { percentile } from '../../checks/threshold.ts';
import { latencyMs } from '../../timeline/samples.ts';
import type { FaultTarget, HealthEndpoint, HealthProbe, Sample, Timeline } from '../../timeline/types.ts';

/** How a request ended, in the order the stacked bars are drawn (bottom first). */
export const OUTCOMES = ['2xx', '404', '4xx', '503', '5xx', 'conn', 'timeout'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  '2xx': '2xx',
  '404': '404',
  '4xx': 'other 4xx',
  '503': '503',
  '5xx': 'other 5xx',
  conn: 'connection error',
  timeout: 'timeout',
};

/** A sample's HTTP outcome; null for one the harness never sent (dropped at its in-flight cap) and for a Socket.IO session. */
export function outcomeOf(sample: Sample): Outcome | null {
  if (sample.errorClass === 'dropped' || sample.kind === 'socket') return null;
  const status = sample.status;
  if (status === null) return sample.errorClass === 'timeout' ? 'timeout' : 'conn';
  if (status === 404) return '404';
  if (status === 503) return '503';
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  // 1xx/3xx do not occur with this API; count them with the successes rather than invent a colour.
  return '2xx';
}

export interface Bucket {
  startMs: number;
  endMs: number;
  counts: Record<Outcome, number>;
  total: number;
  /** Latency percentiles (ms) of the answered or timed-out requests that started in the bucket. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

const NICE_BUCKETS_MS = [100, 200, 250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000];

/** The smallest "round" bucket that cuts the run into at most `maxBuckets`. */
export function bucketSizeMs(durationMs: number, maxBuckets = 80): number {
  return (
    NICE_BUCKETS_MS.find((size) => durationMs / size <= maxBuckets) ??
    Math.ceil(durationMs / maxBuckets / 60_000) * 60_000
  );
}

const emptyCounts = (): Record<Outcome, number> =>
  Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>;

/** Requests by the bucket they started in; every bucket of [0, durationMs) is present, empty or not. */
export function bucketize(samples: readonly Sample[], options: { bucketMs: number; durationMs: number }): Bucket[] {
  const count = Math.max(1, Math.ceil(options.durationMs / options.bucketMs));
  const buckets = Array.from({ length: count }, (_, index) => ({
    startMs: index * options.bucketMs,
    endMs: (index + 1) * options.bucketMs,
    counts: emptyCounts(),
    latencies: [] as number[],
  }));
  for (const sample of samples) {
    const outcome = outcomeOf(sample);
    if (outcome === null || sample.kind === 'health') continue;
    const bucket = buckets[Math.min(count - 1, Math.max(0, Math.floor(sample.startedAtMs / options.bucketMs)))]!;
    bucket.counts[outcome] += 1;
    if (outcome !== 'conn') bucket.latencies.push(latencyMs(sample));
  }
  return buckets.map(({ latencies, ...bucket }) => {
    const sorted = latencies.sort((a, b) => a - b);
    const at = (p: number): number | null => (sorted.length === 0 ? null : percentile(sorted, p));
    return {
      ...bucket,
      total: OUTCOMES.reduce((sum, outcome) => sum + bucket.counts[outcome], 0),
      p50: at(50),
      p95: at(95),
      p99: at(99),
    };
  });
}

/** What a health answer says: ok, degraded, unavailable (a 503 or a body saying so), or no answer. */
export type HealthState = 'ok' | 'degraded' | 'unavailable' | 'no answer';

export function healthState(probe: HealthProbe): HealthState {
  if (probe.status === null) return 'no answer';
  if (probe.status >= 500 || probe.bodyStatus === 'unavailable' || probe.bodyStatus === 'down') return 'unavailable';
  if (probe.bodyStatus === 'degraded' || probe.status >= 400) return 'degraded';
  return 'ok';
}

export interface Segment {
  startMs: number;
  endMs: number;
  state: HealthState;
  probes: number;
}

/** Consecutive probes of one endpoint with the same state, merged; each lasts until the next probe. */
export function healthSegments(probes: readonly HealthProbe[], endpoint: HealthEndpoint, endMs: number): Segment[] {
  const mine = probes.filter((probe) => probe.endpoint === endpoint).sort((a, b) => a.atMs - b.atMs);
  const segments: Segment[] = [];
  mine.forEach((probe, index) => {
    const state = healthState(probe);
    const until = mine[index + 1]?.atMs ?? endMs;
    const last = segments.at(-1);
    if (last !== undefined && last.state === state) {
      last.endMs = until;
      last.probes += 1;
    } else segments.push({ startMs: probe.atMs, endMs: until, state, probes: 1 });
  });
  return segments;
}

export interface FaultBand {
  name: string;
  kind: string;
  target: FaultTarget;
  startMs: number;
  /** The end of the run when the fault was never reverted (then `open` is true). */
  endMs: number;
  open: boolean;
}

export interface ChartEvent {
  atMs: number;
  label: string;
  tone: 'start' | 'exit-expected' | 'exit-unexpected' | 'restore';
}

export interface ChartData {
  durationMs: number;
  bucketMs: number;
  buckets: Bucket[];
  faults: FaultBand[];
  events: ChartEvent[];
  health: { endpoint: HealthEndpoint; segments: Segment[] }[];
  /** Outcomes that occur at least once, for the legend. */
  outcomes: Outcome[];
}

export function chartData(timeline: Timeline, options: { maxBuckets?: number } = {}): ChartData {
  const durationMs = Math.max(1, timeline.endedAtMs);
  const bucketMs = bucketSizeMs(durationMs, options.maxBuckets);
  const buckets = bucketize(timeline.samples, { bucketMs, durationMs });
  const faults = timeline.faults
    .filter((fault) => fault.effect !== 'restore')
    .map((fault) => ({
      name: fault.name,
      kind: fault.kind,
      target: fault.target,
      startMs: fault.effectiveAtMs,
      endMs: fault.endedAtMs ?? durationMs,
      open: fault.endedAtMs === null,
    }));
  const events: ChartEvent[] = [
    // An app restore (appStart) shows as the process start it causes; only database/Redis restores get a marker.
    ...timeline.faults
      .filter((fault) => fault.effect === 'restore' && fault.target !== 'app')
      .map((fault) => ({ atMs: fault.effectiveAtMs, label: fault.kind, tone: 'restore' as const })),
    ...timeline.process.map((event): ChartEvent =>
      event.type === 'start'
        ? { atMs: event.atMs, label: `app start${event.pid === undefined ? '' : ` (pid ${event.pid})`}`, tone: 'start' }
        : {
            atMs: event.atMs,
            label: `app exit ${event.code ?? event.signal ?? ''}`.trim(),
            tone: event.expected ? 'exit-expected' : 'exit-unexpected',
          },
    ),
  ].sort((a, b) => a.atMs - b.atMs);
  const health = [...new Set(timeline.health.map((probe) => probe.endpoint))]
    .map((endpoint) => ({
      endpoint,
      segments: healthSegments(timeline.health, endpoint, durationMs),
    }))
    .filter((lane) => lane.segments.length > 0);
  const outcomes = OUTCOMES.filter((outcome) => buckets.some((bucket) => bucket.counts[outcome] > 0));
  return { durationMs, bucketMs, buckets, faults, events, health, outcomes };
}

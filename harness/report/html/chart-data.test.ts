import { describe, expect, it } from 'vitest';
import type { HealthProbe, Sample } from '../../timeline/types.ts';
import { failingScenario } from '../testdata/fixtures.ts';
import { bucketSizeMs, bucketize, chartData, healthSegments, outcomeOf } from './chart-data.ts';
import { niceScale } from './svg-chart.ts';

let id = 0;
function sample(
  startedAtMs: number,
  durationMs: number,
  status: number | null,
  errorClass: Sample['errorClass'] = null,
): Sample {
  return {
    id: id++,
    scheduledAtMs: startedAtMs,
    startedAtMs,
    endedAtMs: startedAtMs + durationMs,
    method: 'GET',
    routeTemplate: '/api/v1/events',
    template: 'events.list',
    kind: 'read',
    status,
    errorClass,
    errorCode: null,
  };
}

describe('chart data', () => {
  it('classifies outcomes as the chart stacks them, and leaves dropped requests out', () => {
    expect([200, 201, 404, 409, 503, 500, 502].map((status) => outcomeOf(sample(0, 1, status)))).toEqual([
      '2xx',
      '2xx',
      '404',
      '4xx',
      '503',
      '5xx',
      '5xx',
    ]);
    expect(outcomeOf(sample(0, 1, null, 'ECONNREFUSED'))).toBe('conn');
    expect(outcomeOf(sample(0, 1, null, 'ECONNRESET'))).toBe('conn');
    expect(outcomeOf(sample(0, 1, null, 'timeout'))).toBe('timeout');
    expect(outcomeOf(sample(0, 1, null, 'dropped'))).toBeNull();
  });

  it('picks a round bucket that keeps the chart under its bucket count', () => {
    expect(bucketSizeMs(10_000)).toBe(200);
    expect(bucketSizeMs(20_000)).toBe(250);
    expect(bucketSizeMs(60_000)).toBe(1_000);
    expect(bucketSizeMs(600_000, 40)).toBe(15_000);
  });

  it('counts requests per bucket by start time, with latency percentiles of the timed ones', () => {
    const samples = [
      sample(10, 10, 200),
      sample(20, 20, 200),
      sample(30, 30, 503),
      sample(40, 1_000, null, 'timeout'),
      sample(50, 5, null, 'ECONNREFUSED'),
      sample(1_500, 7, 500),
      sample(3_999, 4, 404),
    ];
    const buckets = bucketize(samples, { bucketMs: 1_000, durationMs: 4_000 });
    expect(buckets.map((bucket) => bucket.total)).toEqual([5, 1, 0, 1]);
    expect(buckets[0]?.counts).toMatchObject({ '2xx': 2, '503': 1, timeout: 1, conn: 1, '5xx': 0 });
    // p50 of [10, 20, 30, 1000] (the connection error has no meaningful duration): 25; p99 near the timeout.
    expect(buckets[0]?.p50).toBe(25);
    expect(buckets[0]?.p99).toBeCloseTo(970.9, 1);
    expect(buckets[2]).toMatchObject({ total: 0, p50: null, p95: null, p99: null });
    expect(buckets[3]?.counts['404']).toBe(1);
  });

  it('merges consecutive health answers with the same state into lane segments', () => {
    const probe = (atMs: number, status: number | null, bodyStatus?: string): HealthProbe => ({
      atMs,
      endpoint: 'health',
      status,
      bodyStatus,
      ...(status === null ? { errorClass: 'ECONNREFUSED' as const } : {}),
    });
    const probes = [
      probe(0, null),
      probe(100, null),
      probe(200, 503, 'unavailable'),
      probe(300, 200, 'degraded'),
      probe(400, 200, 'ok'),
      probe(500, 200, 'ok'),
    ];
    expect(healthSegments(probes, 'health', 1_000)).toEqual([
      { startMs: 0, endMs: 200, state: 'no answer', probes: 2 },
      { startMs: 200, endMs: 300, state: 'unavailable', probes: 1 },
      { startMs: 300, endMs: 400, state: 'degraded', probes: 1 },
      { startMs: 400, endMs: 1_000, state: 'ok', probes: 2 },
    ]);
  });

  it('turns a real timeline into bands, events and lanes', () => {
    const data = chartData(failingScenario().timeline!);
    expect(data.faults).toEqual([
      { name: 'dbDown#1', kind: 'dbDown', target: 'database', startMs: 9.7, endMs: 4003.9, open: false },
    ]);
    expect(data.events.map((event) => [event.tone, event.label])).toEqual([
      ['start', 'app start (pid 15161)'],
      ['restore', 'dbUp'],
    ]);
    expect(data.health.map((lane) => lane.endpoint)).toEqual(['health', 'health/detailed', 'db-check']);
    expect(data.outcomes).toEqual(['2xx', '5xx', 'conn']);
    expect(data.buckets.reduce((sum, bucket) => sum + bucket.total, 0)).toBe(279);
    expect(data.buckets.reduce((sum, bucket) => sum + bucket.counts['5xx'], 0)).toBe(101);
  });

  it('draws count axes with whole, round ticks', () => {
    expect(niceScale(4)).toEqual({ top: 4, step: 1 });
    expect(niceScale(10)).toEqual({ top: 10, step: 2 });
    expect(niceScale(37)).toEqual({ top: 40, step: 10 });
    expect(niceScale(14, 10)).toEqual({ top: 14, step: 2 });
    expect(niceScale(0)).toEqual({ top: 1, step: 1 });
  });
});

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { classifyK6Error, convertK6Output, parseK6Points, parseK6Time } from './k6-output.ts';
import type { RequestSpec } from './types.ts';

const ORIGIN = Date.parse('2026-11-28T13:00:00Z');
const spec = (template: string, kind: RequestSpec['kind'], method: RequestSpec['method'] = 'GET'): RequestSpec => ({
  template,
  kind,
  method,
  routeTemplate: `/r/${template}`,
  path: `/r/${template}`,
  headers: {},
});
const REQUESTS: RequestSpec[] = [
  spec('events.list', 'read'),
  { ...spec('tickets.create', 'write', 'POST'), clientKey: 'run-1' },
  spec('artists.get', 'read'),
  spec('artists.update-missing', 'p2025-probe', 'PATCH'),
  spec('events.get', 'read'),
  { ...spec('tickets.create', 'write', 'POST'), clientKey: 'run-5' },
];

describe('k6 JSON output', () => {
  it('parses RFC3339 times with nanoseconds and offsets', () => {
    expect(parseK6Time('2026-11-28T13:00:01.012345678Z') - ORIGIN).toBeCloseTo(1_012.345678, 3);
    expect(parseK6Time('2026-11-28T14:00:01.120+01:00') - ORIGIN).toBeCloseTo(1_120, 6);
    expect(parseK6Time('yesterday')).toBeNaN();
  });

  it('reads only Point lines and rejects garbage with a line number', () => {
    expect(parseK6Points('{"type":"Metric","metric":"x","data":{}}\n')).toEqual([]);
    expect(() => parseK6Points('{"type":"Point"}\nnot json')).toThrow(/line 2 is not JSON/);
  });

  it('maps k6 error codes to our error classes', () => {
    expect(classifyK6Error('1212')).toBe('ECONNREFUSED');
    expect(classifyK6Error('1220')).toBe('ECONNRESET');
    expect(classifyK6Error('1050')).toBe('timeout');
    expect(classifyK6Error('1000', 'unexpected EOF')).toBe('ECONNRESET');
    expect(classifyK6Error(undefined)).toBe('other');
  });

  it('converts a hand-made k6 output file into samples and drop records', async () => {
    const text = await readFile(new URL('./testdata/k6-output.json', import.meta.url), 'utf8');
    const offsets = [0, 100, 200, 300, 400, 500];
    const { samples, caps, loadStartMs } = convertK6Output(text, {
      requests: REQUESTS,
      originEpochMs: ORIGIN,
      scheduledOffsetsMs: offsets,
      firstSampleId: 10,
      maxInFlight: 4,
    });
    // Inferred: request 0 was sent at 1012.35 − 12.35 = 1000 ms with offset 0.
    expect(loadStartMs).toBeCloseTo(1_000, 3);
    expect(samples).toHaveLength(6);
    const [read, write, refused, probe, timedOut, dropped] = samples;
    expect(read).toMatchObject({
      id: 10,
      method: 'GET',
      routeTemplate: '/api/v1/events',
      template: 'events.list',
      kind: 'read',
      status: 200,
      errorClass: null,
      errorCode: null,
      retryAfter: null,
    });
    expect(read!.startedAtMs).toBeCloseTo(1_000, 3);
    expect(read!.endedAtMs).toBeCloseTo(1_012.345678, 3);
    expect(write).toMatchObject({
      id: 11,
      method: 'POST',
      kind: 'write',
      status: 503,
      errorCode: 'DATABASE_UNAVAILABLE',
      retryAfter: '2',
      clientKey: 'run-1',
    });
    expect(write!.scheduledAtMs).toBeCloseTo(1_100, 3);
    expect(refused).toMatchObject({ status: null, errorClass: 'ECONNREFUSED' });
    expect(probe).toMatchObject({ kind: 'p2025-probe', status: 404, errorCode: 'NOT_FOUND' });
    expect(timedOut).toMatchObject({ status: null, errorClass: 'timeout', template: 'events.get' });
    expect(timedOut!.endedAtMs - timedOut!.startedAtMs).toBe(5_000);
    // The one dropped iteration stands for the unexecuted request 5.
    expect(dropped).toMatchObject({
      id: 15,
      status: null,
      errorClass: 'dropped',
      clientKey: 'run-5',
      template: 'tickets.create',
    });
    expect(caps).toEqual([{ atMs: 1_500, sampleId: 15, inFlight: 4, maxInFlight: 4 }]);
  });
});

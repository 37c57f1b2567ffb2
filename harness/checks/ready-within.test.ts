import { describe, expect, it } from 'vitest';
import { fault, probe, sample, samplesBetween, timeline } from '../timeline/fixtures.ts';
import { databaseReachableAtMs, readyWithin } from './ready-within.ts';

const options = readyWithin.optionsSchema.parse({ withinMs: '4s' });
const evaluate = (run: ReturnType<typeof timeline>) =>
  readyWithin.evaluate(run, { options, scenario: { name: 't', graceMs: 0, expectFailFast: false } });

/** The startup race: the database is down from 0 to 6 s; the app starts at 1 s. */
const race = (readyAtMs: number) =>
  timeline({
    process: [{ type: 'start', atMs: 1_000, pid: 1 }],
    faults: [fault({ fromMs: 0, toMs: 6_000 })],
    samples: [
      ...samplesBetween(1_000, readyAtMs, 100, { status: null, errorClass: 'ECONNREFUSED' }),
      ...samplesBetween(readyAtMs, readyAtMs + 2_000, 100),
    ],
  });

describe('ready-within', () => {
  it('passes when the app is ready soon after the database comes up', () => {
    const result = evaluate(race(7_500));
    expect(result.passed).toBe(true);
    expect(result.figures).toMatchObject({
      appStartMs: 1_000,
      dbReachableMs: 6_000,
      readyMs: 7_520,
      readyAfterDbMs: 1_520,
    });
  });

  it('fails when readiness comes too late (e.g. no retry, or a backoff beyond the bound)', () => {
    const result = evaluate(race(11_000));
    expect(result.passed).toBe(false);
    expect(result.figures.readyAfterDbMs).toBe(5_020);
  });

  it('fails when the app never becomes ready', () => {
    const run = timeline({
      faults: [fault({ fromMs: 0, toMs: 2_000 })],
      samples: samplesBetween(0, 9_000, 100, { status: 503, errorCode: 'DATABASE_NOT_READY' }),
    });
    const result = evaluate(run);
    expect(result.passed).toBe(false);
    expect(result.summary).toContain('never became ready');
  });

  it('accepts a health ok as readiness, but not /health answering 200 with status unavailable', () => {
    const run = timeline({
      faults: [fault({ fromMs: 0, toMs: 2_000 })],
      health: [
        probe({ atMs: 2_100, endpoint: 'health', status: 200, bodyStatus: 'unavailable' }),
        probe({ atMs: 2_500, endpoint: 'health', status: 200, bodyStatus: 'ok' }),
      ],
    });
    expect(evaluate(run).figures.readyMs).toBe(2_500);
  });

  it('chains overlapping database windows and ignores degraded ones', () => {
    const run = timeline({
      faults: [
        fault({ fromMs: 0, toMs: 3_000 }),
        fault({ fromMs: 2_000, toMs: 5_000, kind: 'postgresStop' }),
        fault({ fromMs: 5_000, toMs: 9_000, kind: 'dbLatency', effect: 'degraded' }),
      ],
    });
    expect(databaseReachableAtMs(run, 1_000)).toBe(5_000);
    expect(databaseReachableAtMs(timeline({ faults: [fault({ fromMs: 0, toMs: null })] }), 0)).toBeNull();
    expect(
      evaluate(timeline({ faults: [fault({ fromMs: 0, toMs: null })], samples: [sample({ atMs: 1 })] })).passed,
    ).toBe(false);
  });
});

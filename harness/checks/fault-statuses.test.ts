import { describe, expect, it } from 'vitest';
import { DB_503, fault, samplesBetween, timeline } from '../timeline/fixtures.ts';
import { faultStatuses } from './fault-statuses.ts';

const facts = { name: 't', graceMs: 0, expectFailFast: false };
const evaluate = (run: ReturnType<typeof timeline>, options: unknown) =>
  faultStatuses.evaluate(run, { options: faultStatuses.optionsSchema.parse(options), scenario: facts });
const below = fault({ name: 'dbLatency#1', kind: 'dbLatency', effect: 'degraded', fromMs: 2_000, toMs: 6_000 });
const beyond = fault({ name: 'dbLatency#2', kind: 'dbLatency', fromMs: 8_000, toMs: 12_000 });

describe('fault-statuses', () => {
  it('holds when the named window answered enough of the status', () => {
    const run = timeline({
      faults: [below, beyond],
      samples: [...samplesBetween(2_000, 6_000, 100), ...samplesBetween(8_000, 12_000, 100, DB_503)],
    });
    const result = evaluate(run, { expect: [{ window: 'dbLatency#2', status: 503, share: 0.9, atLeast: 30 }] });
    expect(result.passed).toBe(true);
    expect(result.figures).toEqual({
      '≥ 30 and ≥ 90% × 503 during dbLatency#2 matching': 40,
      '≥ 30 and ≥ 90% × 503 during dbLatency#2 answered': 40,
    });
  });

  it('fails when the fault did not bite: 2xx where 503s were promised', () => {
    const run = timeline({ faults: [below, beyond], samples: samplesBetween(2_000, 12_000, 100) });
    const result = evaluate(run, { expect: [{ window: 'dbLatency#2', status: 503, share: 0.9 }] });
    expect(result.passed).toBe(false);
    expect(result.summary).toBe(
      'Not what the fault must make the app answer: ≥ 90% × 503 during dbLatency#2: 0 of 40 answers.',
    );
    expect(result.evidence.firstOffending[0]?.note).toMatch(/expected 503 while dbLatency#2 held/);
  });

  it('counts every window of the target without a name, and fails below the count', () => {
    const run = timeline({
      faults: [below, beyond],
      samples: [...samplesBetween(2_000, 2_500, 100, DB_503), ...samplesBetween(2_500, 12_000, 100)],
    });
    expect(evaluate(run, { expect: [{ status: 503, atLeast: 5 }] }).passed).toBe(true);
    expect(evaluate(run, { expect: [{ status: 503, atLeast: 6 }] }).passed).toBe(false);
  });

  it('fails when the named window was never applied, and refuses an expectation without a bound', () => {
    const result = evaluate(timeline({ faults: [below] }), {
      expect: [{ window: 'dbLatency#2', status: 503, atLeast: 1 }],
    });
    expect(result.passed).toBe(false);
    expect(result.summary).toMatch(/that fault was never applied/);
    expect(faultStatuses.optionsSchema.safeParse({ expect: [{ status: 503 }] }).success).toBe(false);
  });
});

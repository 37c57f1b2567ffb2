import { describe, expect, it } from 'vitest';
import { DB_503, fault, samplesBetween, timeline } from '../timeline/fixtures.ts';
import { recoversWithin } from './recovers-within.ts';

const options = recoversWithin.optionsSchema.parse({ withinMs: '3s' });
const evaluate = (run: ReturnType<typeof timeline>, opts = options) =>
  recoversWithin.evaluate(run, { options: opts, scenario: { name: 't', graceMs: 0, expectFailFast: false } });

describe('recovers-within', () => {
  it('passes when the app serves again soon after the fault; recovery time is measured', () => {
    const run = timeline({
      samples: [
        ...samplesBetween(0, 5_000, 100),
        ...samplesBetween(5_000, 9_500, 100, DB_503),
        ...samplesBetween(9_500, 15_000, 100),
      ],
      faults: [fault({ fromMs: 5_000, toMs: 8_000 })],
    });
    const result = evaluate(run);
    expect(result.passed).toBe(true);
    expect(result.figures).toMatchObject({ 'dbDown@5000 recoveryMs': 1_500, maxRecoveryMs: 1_500 });
  });

  it('fails when the app never reconnects (503 forever after the fault)', () => {
    const run = timeline({
      samples: [...samplesBetween(0, 5_000, 100), ...samplesBetween(5_000, 15_000, 100, DB_503)],
      faults: [fault({ fromMs: 5_000, toMs: 8_000 })],
    });
    const result = evaluate(run);
    expect(result.passed).toBe(false);
    expect(result.evidence.firstOffending[0]?.note).toContain('never served 5 requests in a row');
  });

  it('fails when recovery took longer than the bound', () => {
    const run = timeline({
      samples: [...samplesBetween(5_000, 12_000, 100, DB_503), ...samplesBetween(12_000, 15_000, 100)],
      faults: [fault({ fromMs: 5_000, toMs: 8_000 })],
    });
    const result = evaluate(run);
    expect(result.passed).toBe(false);
    expect(result.figures.maxRecoveryMs).toBe(4_000);
    expect(result.evidence.firstOffending[0]?.note).toContain('recovered after 4000 ms, bound 3000 ms');
  });

  it('does not judge a fault interrupted by the next one (flapping), only the last', () => {
    const run = timeline({
      samples: [...samplesBetween(1_000, 4_500, 100, DB_503), ...samplesBetween(4_500, 8_000, 100)],
      faults: [
        fault({ fromMs: 1_000, toMs: 1_500 }),
        fault({ fromMs: 2_000, toMs: 2_500 }),
        fault({ fromMs: 3_000, toMs: 3_500 }),
      ],
    });
    const result = evaluate(run);
    expect(result.passed).toBe(true);
    expect(result.evidence.counts).toEqual({ interrupted: 2, recovered: 1 });
  });

  it('fails when no fault could be judged', () => {
    expect(evaluate(timeline({ samples: samplesBetween(0, 1_000, 100) })).passed).toBe(false);
  });

  it('requires a bound', () => {
    expect(recoversWithin.optionsSchema.safeParse({}).success).toBe(false);
  });
});

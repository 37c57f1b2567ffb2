import { describe, expect, it } from 'vitest';
import { DB_503, fault, sample, samplesBetween, timeline } from '../timeline/fixtures.ts';
import { problemsFromZod } from '../scenario/errors.ts';
import { latency } from './latency.ts';

const evaluate = (run: ReturnType<typeof timeline>, input: unknown) =>
  latency.evaluate(run, {
    options: latency.optionsSchema.parse(input),
    scenario: { name: 't', graceMs: 1_000, expectFailFast: false },
  });

const run = timeline({
  samples: [
    ...samplesBetween(0, 10_000, 100, { latencyMs: 40 }),
    sample({ atMs: 3_000, latencyMs: 400 }),
    ...samplesBetween(10_000, 13_000, 100, { ...DB_503, latencyMs: 2_900 }),
    sample({ atMs: 10_050, status: null, errorClass: 'timeout', latencyMs: 5_000 }),
    sample({ atMs: 10_060, status: null, errorClass: 'ECONNREFUSED', latencyMs: 1 }),
    ...samplesBetween(14_000, 20_000, 100, { latencyMs: 50 }),
  ],
  faults: [fault({ fromMs: 10_000, toMs: 13_000 })],
});

describe('latency', () => {
  it('passes when every phase meets its thresholds, reporting each figure under its original text', () => {
    const result = evaluate(run, { steady: ['p(95)<100', 'avg<60', 'max<500'], fault: ['p(50)<3000'] });
    expect(result.passed).toBe(true);
    expect(result.figures).toMatchObject({ 'steady p(95)<100': 50, 'steady max<500': 400, 'fault p(50)<3000': 2_900 });
    expect(result.evidence.counts['fault samples']).toBe(31); // 30 × 503 and the timeout; not the refused one
  });

  it('fails when a threshold is crossed, with the slowest requests as evidence', () => {
    const result = evaluate(run, { steady: ['max<300'], fault: ['max<3000'] });
    expect(result.passed).toBe(false);
    expect(result.summary).toContain('steady max<300 (was 400)');
    expect(result.summary).toContain('fault max<3000 (was 5000)');
    expect(result.evidence.firstOffending.map((e) => e.note)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('400 ms, threshold steady max<300'),
        expect.stringContaining('5000 ms, threshold fault max<3000'),
      ]),
    );
  });

  it('fails a threshold on a phase that had no samples', () => {
    expect(evaluate(timeline({ samples: samplesBetween(0, 1_000, 100) }), { fault: ['p(95)<100'] }).summary).toContain(
      'fault p(95)<100 (no samples)',
    );
  });

  it('rejects a bad expression before the run, naming it', () => {
    const parsed = latency.optionsSchema.safeParse({ steady: ['p(95)<500', 'p95 < 500'] });
    expect(parsed.success).toBe(false);
    expect(problemsFromZod(parsed.error!.issues)).toEqual([
      { path: 'steady[1]', message: expect.stringContaining('invalid threshold "p95 < 500": expected a k6 threshold') },
    ]);
    expect(latency.optionsSchema.safeParse({}).success).toBe(false);
    expect(latency.optionsSchema.safeParse({ stedy: ['avg<1'] }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { DB_503, probe, sample, samplesBetween, timeline } from '../timeline/fixtures.ts';
import { no5xxExcept503 } from './no-5xx-except-503.ts';

const evaluate = (run: ReturnType<typeof timeline>) =>
  no5xxExcept503.evaluate(run, { options: {}, scenario: { name: 't', graceMs: 0, expectFailFast: false } });

describe('no-5xx-except-503', () => {
  it('passes when the only 5xx are 503s', () => {
    const result = evaluate(
      timeline({
        samples: [...samplesBetween(0, 1_000, 100), ...samplesBetween(1_000, 2_000, 100, DB_503)],
        health: [probe({ atMs: 1_500, status: 503 })],
      }),
    );
    expect(result.passed).toBe(true);
    expect(result.figures).toEqual({ other5xx: 0, answered503: 10 });
  });

  it('fails on a 500 from a route and a 500 from a health endpoint, earliest first', () => {
    const result = evaluate(
      timeline({
        samples: [sample({ atMs: 900, status: 500, errorCode: 'INTERNAL' })],
        health: [probe({ atMs: 100, endpoint: 'db-check', status: 500 })],
      }),
    );
    expect(result.passed).toBe(false);
    expect(result.evidence.counts).toEqual({ '500': 1, '500 (health)': 1 });
    expect(result.evidence.firstOffending.map((e) => e.type)).toEqual(['health', 'sample']);
  });
});

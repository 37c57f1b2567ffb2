import { describe, expect, it } from 'vitest';
import { DB_503, fault, sample, samplesBetween, timeline } from '../timeline/fixtures.ts';
import { missingRecordsAre404 } from './missing-records-are-404.ts';

const options = missingRecordsAre404.optionsSchema.parse({});
const evaluate = (run: ReturnType<typeof timeline>) =>
  missingRecordsAre404.evaluate(run, { options, scenario: { name: 't', graceMs: 1_000, expectFailFast: false } });
const PROBE = {
  kind: 'p2025-probe' as const,
  method: 'PATCH',
  routeTemplate: '/api/v1/artists/:id',
  template: 'artists.update-missing',
};

describe('missing-records-are-404', () => {
  it('passes when probes answer 404, and 503 during a database fault', () => {
    const run = timeline({
      samples: [
        ...samplesBetween(0, 2_000, 100, { ...PROBE, status: 404, errorCode: 'NOT_FOUND' }),
        ...samplesBetween(2_000, 3_000, 100, { ...PROBE, ...DB_503 }),
        sample({ atMs: 500 }),
      ],
      faults: [fault({ fromMs: 2_000, toMs: 3_000 })],
    });
    const result = evaluate(run);
    expect(result.passed).toBe(true);
    expect(result.figures).toEqual({ probes: 30, answered: 30, answered404: 20, offending: 0 });
  });

  it('fails when a missing record is a 500 (unhandled P2025)', () => {
    const result = evaluate(
      timeline({
        samples: [
          sample({ atMs: 0, ...PROBE, status: 404 }),
          sample({ atMs: 100, ...PROBE, status: 500, errorCode: 'INTERNAL' }),
        ],
      }),
    );
    expect(result.passed).toBe(false);
    expect(result.evidence.firstOffending[0]?.note).toContain(
      'PATCH /api/v1/artists/:id → 500 INTERNAL at 100ms: a missing record answered 500, not 404',
    );
  });

  it('fails when a missing record is a 2xx, and a 503 outside any fault', () => {
    expect(evaluate(timeline({ samples: [sample({ atMs: 100, ...PROBE, status: 200 })] })).passed).toBe(false);
    expect(
      evaluate(timeline({ samples: [sample({ atMs: 0 }), sample({ atMs: 100, ...PROBE, ...DB_503 })] })).passed,
    ).toBe(false);
  });

  it('fails when no probe was answered at all', () => {
    const result = evaluate(timeline({ samples: [sample({ atMs: 0 })] }));
    expect(result.passed).toBe(false);
    expect(result.summary).toContain('nothing was proven');
  });
});

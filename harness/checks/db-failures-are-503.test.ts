import { describe, expect, it } from 'vitest';
import { DB_503, fault, sample, samplesBetween, timeline } from '../timeline/fixtures.ts';
import { dbFailuresAre503 } from './db-failures-are-503.ts';

const options = dbFailuresAre503.optionsSchema.parse({});
/** The reference app's contract: database failures answer 503 DATABASE_* with Retry-After. */
const CONTRACT = { unavailableCode: 'DATABASE_', retryAfter: true };
const evaluate = (run: ReturnType<typeof timeline>, opts = options, contract: typeof CONTRACT | null = CONTRACT) =>
  dbFailuresAre503.evaluate(run, {
    options: opts,
    scenario: { name: 't', graceMs: 1_000, expectFailFast: false, ...(contract === null ? {} : { contract }) },
  });

function outage(during: Parameters<typeof samplesBetween>[3]) {
  return timeline({
    samples: [
      ...samplesBetween(0, 3_000, 100),
      ...samplesBetween(3_000, 6_000, 100, during),
      ...samplesBetween(6_000, 8_000, 100),
    ],
    faults: [fault({ fromMs: 3_000, toMs: 6_000, kind: 'postgresStop' })],
  });
}

describe('db-failures-are-503', () => {
  it('passes when every failure during the outage is 503 DATABASE_* with Retry-After', () => {
    const result = evaluate(outage(DB_503));
    expect(result.passed).toBe(true);
    expect(result.figures).toMatchObject({ requestsDuringDbFault: 40, answered503: 30, offending: 0 });
  });

  it('fails when database errors are mapped to 500', () => {
    const result = evaluate(outage({ status: 500, errorCode: 'INTERNAL' }));
    expect(result.passed).toBe(false);
    expect(result.figures.offending).toBe(30);
    expect(result.evidence.firstOffending).toHaveLength(5);
    expect(result.evidence.firstOffending[0]?.note).toContain('a database failure answered 500, not 503');
  });

  it('fails on a 503 with the wrong code or without Retry-After', () => {
    expect(
      evaluate(outage({ status: 503, errorCode: 'INTERNAL', retryAfter: '2' })).evidence.firstOffending[0]?.note,
    ).toContain('without a DATABASE_* error code');
    expect(evaluate(outage({ ...DB_503, retryAfter: null })).evidence.firstOffending[0]?.note).toContain(
      'without a Retry-After',
    );
    expect(evaluate(outage({ ...DB_503, retryAfter: null }), { ...options, requireRetryAfter: false }).passed).toBe(
      true,
    );
  });

  it("judges the code by the target's contract: none given, any code; a scenario's own prefix wins", () => {
    const otherCode = outage({ status: 503, errorCode: 'unavailable', retryAfter: '2' });
    expect(evaluate(otherCode, options, null).passed).toBe(true);
    expect(evaluate(otherCode, options, { unavailableCode: 'unavailable', retryAfter: true }).passed).toBe(true);
    expect(evaluate(otherCode).passed).toBe(false);
    expect(evaluate(otherCode, { ...options, codePrefix: 'unavail' }).passed).toBe(true);
    // A target whose 503s carry no Retry-After is not held to one.
    const bare = outage({ status: 503, errorCode: 'unavailable', retryAfter: null });
    expect(evaluate(bare, options, { unavailableCode: 'unavailable', retryAfter: false }).passed).toBe(true);
    expect(evaluate(bare, options, null).passed).toBe(false);
  });

  it('judges only requests overlapping a database fault, and fails when there were none', () => {
    const redisOnly = timeline({
      samples: [sample({ atMs: 100, status: 500 })],
      faults: [fault({ fromMs: 0, toMs: 1_000, target: 'redis', kind: 'redisDown' })],
    });
    const result = evaluate(redisOnly);
    expect(result.passed).toBe(false);
    expect(result.summary).toContain('nothing was proven');
  });

  it('does not count a refused connection as an answer: once the app served, it is an offence', () => {
    const refused = { status: null, errorClass: 'ECONNREFUSED' as const, latencyMs: 1 };
    const result = evaluate(outage(refused));
    expect(result.passed).toBe(false);
    // Only the answers of the grace period after the outage were answers.
    expect(result.figures).toMatchObject({ answeredDuringDbFault: 10, offending: 30 });
    expect(result.evidence.counts).toMatchObject({ 'no answer (ECONNREFUSED)': 30 });
    expect(result.evidence.firstOffending[0]?.note).toMatch(/the serving app stopped listening/);
  });

  it('lets refused connections pass while the app is still starting, but proves nothing without an answer', () => {
    // The database is down at boot; the app (correctly) listens only once it is connected.
    const run = timeline({
      samples: [
        ...samplesBetween(0, 3_000, 100, { status: null, errorClass: 'ECONNREFUSED' }),
        ...samplesBetween(3_600, 5_000, 100),
      ],
      faults: [fault({ fromMs: 0, toMs: 2_500 })],
    });
    const result = evaluate(run);
    expect(result.evidence.firstOffending).toEqual([]);
    expect(result.passed).toBe(false);
    expect(result.summary).toBe('None of the 30 requests during database faults was answered: nothing was proven.');
  });

  describe('nothing answered proves nothing', () => {
    it('fails when every request during the fault was refused (the app never listened)', () => {
      const run = timeline({
        samples: samplesBetween(0, 10_000, 100, { status: null, errorClass: 'ECONNREFUSED' }),
        faults: [fault({ fromMs: 0, toMs: 5_000 })],
      });
      const result = evaluate(run);
      expect(result.passed).toBe(false);
      expect(result.summary).toBe('None of the 60 requests during database faults was answered: nothing was proven.');
      expect(result.figures).toMatchObject({ requestsDuringDbFault: 60, answeredDuringDbFault: 0, offending: 0 });
    });

    it('passes refusals while the app starts when requests in the fault or its grace were answered', () => {
      // The database comes at 3 s; the app listens at 3.5 s, inside the 1 s grace, and answers.
      const run = timeline({
        samples: [
          ...samplesBetween(0, 3_500, 100, { status: null, errorClass: 'ECONNREFUSED' }),
          ...samplesBetween(3_500, 8_000, 100),
        ],
        faults: [fault({ fromMs: 0, toMs: 3_000 })],
      });
      const result = evaluate(run);
      expect(result.passed).toBe(true);
      expect(result.figures.answeredDuringDbFault).toBeGreaterThan(0);
    });
  });
});

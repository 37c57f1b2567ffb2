import { describe, expect, it } from 'vitest';
import { sample, timeline } from '../timeline/fixtures.ts';
import type { Sample } from '../timeline/types.ts';
import { rateLimited } from './rate-limited.ts';
import type { ScenarioFacts } from './types.ts';

const scenario: ScenarioFacts = { name: 't', graceMs: 2_000, expectFailFast: false };
const TEMPLATE = 'auth.login-wrong-password';
const options = rateLimited.optionsSchema.parse({ limits: [{ template: TEMPLATE, limit: 3, windowMs: '60s' }] });
const evaluate = (samples: Sample[]) => rateLimited.evaluate(timeline({ samples }), { options, scenario });

const REFUSED: Partial<Sample> = { status: 429, errorCode: 'RATE_LIMITED', retryAfter: '42' };
const WRONG: Partial<Sample> = { status: 401, errorCode: 'INVALID_CREDENTIALS' };
/** One login every 250 ms (each answered in 20 ms): 401 up to the limit, then `after`. */
const logins = (count: number, after: Partial<Sample>, limit = 3): Sample[] =>
  Array.from({ length: count }, (_, index) =>
    sample({ atMs: 1_000 + index * 250, method: 'POST', template: TEMPLATE, ...(index < limit ? WRONG : after) }),
  );

describe('rate-limited', () => {
  it('passes when every login after the limit is refused with 429 and Retry-After', () => {
    const result = evaluate([...logins(8, REFUSED), sample({ atMs: 1_100 })]);
    expect(result.passed).toBe(true);
    expect(result.figures).toMatchObject({ overLimit: 5, refused: 5, offending: 0, [`${TEMPLATE}.sent`]: 8 });
  });

  it('fails when the limit is not enforced (a limiter that fails open)', () => {
    const result = evaluate(logins(8, WRONG));
    expect(result.passed).toBe(false);
    expect(result.figures).toMatchObject({ overLimit: 5, refused: 0, offending: 5 });
    expect(result.evidence.firstOffending[0]?.note).toMatch(
      /→ 401 INVALID_CREDENTIALS at 1\.8s: sent after 3 answered attempts \(limit 3 per 60000 ms\)/,
    );
  });

  it('fails a 429 without a usable Retry-After', () => {
    const result = evaluate(logins(5, { ...REFUSED, retryAfter: null }));
    expect(result.passed).toBe(false);
    expect(result.evidence.counts).toEqual({ [`${TEMPLATE}: 429 without Retry-After`]: 2 });
  });

  it('judges the status alone when the engine recorded no headers', () => {
    const { retryAfter: _unrecorded, ...withoutHeaders } = REFUSED;
    expect(evaluate(logins(5, withoutHeaders)).passed).toBe(true);
  });

  it('does not judge requests in flight with the ones that spent the limit', () => {
    // All sent at once: none was sent after an answer, so none is held to the limit.
    const together = Array.from({ length: 6 }, () => sample({ atMs: 1_000, template: TEMPLATE, ...WRONG }));
    const result = evaluate([...together, sample({ atMs: 2_000, template: TEMPLATE, ...REFUSED })]);
    expect(result.passed).toBe(true);
    expect(result.figures.overLimit).toBe(1);
  });

  it('does not count 5xx answers, nor judge requests after the window', () => {
    const unavailable = logins(6, { status: 503 }, 6).map((s) => ({ ...s, status: 503 }));
    const afterWindow = sample({ atMs: 70_000, template: TEMPLATE, ...WRONG });
    const result = evaluate([
      ...unavailable,
      ...logins(5, REFUSED).map((s) => ({ ...s, startedAtMs: s.startedAtMs + 2_000, endedAtMs: s.endedAtMs + 2_000 })),
      afterWindow,
    ]);
    expect(result.passed).toBe(true);
    expect(result.figures.overLimit).toBe(2);
  });

  it('proves nothing when the limit was never spent', () => {
    const result = evaluate(logins(3, REFUSED));
    expect(result.passed).toBe(false);
    expect(result.summary).toBe(
      `No request was sent after its limit was spent: ${TEMPLATE} (3 answered requests, limit 3). Nothing was proven.`,
    );
  });

  it('rejects limits it cannot judge', () => {
    const parse = (limits: unknown) => rateLimited.optionsSchema.safeParse({ limits });
    expect(parse([]).error?.issues[0]?.message).toMatch(/at least one limit/);
    expect(parse([{ template: TEMPLATE, limit: 0, windowMs: '1m' }]).error?.issues[0]?.message).toMatch(/limit ≥ 1/);
    expect(parse([{ template: TEMPLATE, limit: 2, windowMs: 0 }]).error?.issues[0]?.message).toMatch(/window > 0/);
    expect(parse([{ template: TEMPLATE, limit: 2, windowMs: '1m', burst: 3 }]).success).toBe(false);
  });
});

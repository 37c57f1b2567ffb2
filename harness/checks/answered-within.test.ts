import { describe, expect, it } from 'vitest';
import { DB_503, fault, sample, samplesBetween, timeline } from '../timeline/fixtures.ts';
import { answeredWithin, type AnsweredWithinOptions } from './answered-within.ts';

const facts = { name: 't', graceMs: 0, expectFailFast: false };
const evaluate = (run: ReturnType<typeof timeline>, options: Partial<AnsweredWithinOptions> = {}) =>
  answeredWithin.evaluate(run, {
    options: answeredWithin.optionsSchema.parse({ withinMs: 5_000, ...options }),
    scenario: facts,
  });
const hole = fault({ kind: 'dbTimeout', fromMs: 2_000, toMs: 16_000 });

describe('answered-within', () => {
  it('passes when every request during the fault is answered within the bound', () => {
    const result = evaluate(
      timeline({ faults: [hole], samples: samplesBetween(2_000, 16_000, 500, { ...DB_503, latencyMs: 3_100 }) }),
    );
    expect(result.passed).toBe(true);
    expect(result.figures).toMatchObject({ requestsDuringFault: 28, hung: 0, slowestMs: 3_100 });
  });

  it('fails on a request held past the bound, and on one the client gave up on', () => {
    const result = evaluate(
      timeline({
        faults: [hole],
        samples: [
          sample({ atMs: 2_500, ...DB_503, latencyMs: 3_000 }),
          // Released when the black hole ended, 13.5 s later: a 200, but it hung.
          sample({ atMs: 2_500, status: 200, latencyMs: 13_500 }),
          sample({ atMs: 3_000, status: null, errorClass: 'timeout', latencyMs: 15_000 }),
        ],
      }),
    );
    expect(result.passed).toBe(false);
    expect(result.figures).toMatchObject({ requestsDuringFault: 3, hung: 2 });
    expect(result.evidence.firstOffending.map((e) => e.note)).toEqual([
      expect.stringContaining('answered after 13.5s, beyond the bound of 5s'),
      expect.stringContaining('no answer before the client gave up'),
    ]);
  });

  it('ignores requests outside the fault windows and refused connections, and proves nothing without answers', () => {
    const outside = evaluate(
      timeline({
        faults: [hole],
        samples: [
          sample({ atMs: 500, latencyMs: 900 }),
          sample({ atMs: 17_000, latencyMs: 9_000 }),
          sample({ atMs: 3_000, status: null, errorClass: 'ECONNREFUSED' }),
        ],
      }),
    );
    expect(outside.passed).toBe(false);
    expect(outside.summary).toMatch(/nothing was proven/);
    expect(outside.evidence.counts).toEqual({ 'no answer (ECONNREFUSED)': 1 });
  });

  it('judges only the targets it is given', () => {
    const redis = fault({ kind: 'redisLatency', target: 'redis', fromMs: 2_000, toMs: 4_000 });
    const run = timeline({ faults: [redis], samples: [sample({ atMs: 2_500, latencyMs: 8_000 })] });
    expect(evaluate(run).passed).toBe(false);
    expect(evaluate(run, { targets: ['redis'] }).figures.hung).toBe(1);
  });

  it('judges socket sessions when its kinds list them: an outcome is an answer, a session past the bound hung', () => {
    const socket = {
      kind: 'socket' as const,
      method: 'SOCKET',
      template: 'chat.session',
      status: null,
      errorClass: null,
    };
    const run = timeline({
      faults: [hole],
      samples: [
        sample({
          atMs: 3_000,
          ...socket,
          errorCode: 'SERVICE_UNAVAILABLE',
          socket: { outcome: 'refused', step: 'connect' },
        }),
        sample({ atMs: 4_000, ...socket, latencyMs: 7_000, socket: { outcome: 'acked', step: 'chat:send' } }),
        sample({ atMs: 5_000, ...socket, errorClass: 'timeout', latencyMs: 10_000 }),
      ],
    });
    expect(evaluate(run).summary).toMatch(/nothing was proven/);
    const judged = evaluate(run, { kinds: ['socket'] });
    expect(judged.passed).toBe(false);
    expect(judged.figures).toMatchObject({ requestsDuringFault: 3, hung: 2 });
  });
});

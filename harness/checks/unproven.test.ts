// A check that finds nothing to judge fails as "not proven", never as a verdict on the app: the
// scenario, the gate and the exit code then say NOT PROVEN, unless another check failed on evidence.
import { describe, expect, it } from 'vitest';
import { fault, sample, samplesBetween, timeline } from '../timeline/fixtures.ts';
import { answeredWithin } from './answered-within.ts';
import { dbFailuresAre503 } from './db-failures-are-503.ts';
import { noLostWrites } from './no-lost-writes.ts';
import { checkResult, checksVerdict, isUnproven } from './result.ts';
import type { Check } from './types.ts';

const SCENARIO = { name: 's', graceMs: 1_000, expectFailFast: false };
const evaluate = <O>(check: Check<O>, run: ReturnType<typeof timeline>) =>
  check.evaluate(run, { options: check.optionsSchema.parse({}), scenario: SCENARIO });

describe('checks that find nothing to judge', () => {
  const outage = fault({ fromMs: 2_000, toMs: 6_000 });

  it('db-failures-are-503: nothing answered during the fault is not proven; a 500 is a failure', () => {
    const refused = timeline({ faults: [outage], samples: samplesBetween(2_000, 6_000, 200, { status: null }) });
    expect(isUnproven(evaluate(dbFailuresAre503, refused))).toBe(true);
    const broken = timeline({ faults: [outage], samples: [sample({ atMs: 3_000, status: 500 })] });
    const result = evaluate(dbFailuresAre503, broken);
    expect([result.passed, isUnproven(result)]).toEqual([false, false]);
  });

  it('answered-within: no request answered during a fault is not proven', () => {
    const run = timeline({ faults: [outage], samples: samplesBetween(2_000, 6_000, 200, { status: null }) });
    expect(
      isUnproven(
        answeredWithin.evaluate(run, {
          options: { withinMs: 5_000, targets: ['database'], kinds: ['read', 'write', 'p2025-probe'] } as never,
          scenario: SCENARIO,
        }),
      ),
    ).toBe(true);
  });

  it('no-lost-writes: no acknowledged write is not proven', () => {
    const run = timeline({ samples: [sample({ atMs: 1_000, kind: 'write', status: 503, clientKey: 'k1' })] });
    expect(isUnproven(evaluate(noLostWrites, run))).toBe(true);
  });
});

describe('checksVerdict', () => {
  const pass = checkResult('a', { passed: true, summary: 'ok' });
  const failed = checkResult('b', { passed: false, summary: 'a 500' });
  const nothing = checkResult('c', { passed: false, proven: false, summary: 'nothing was proven' });

  it('is failed when a check failed on evidence, not proven when the only failures judged nothing', () => {
    expect(checksVerdict([pass])).toBe('passed');
    expect(checksVerdict([pass, nothing])).toBe('not-proven');
    expect(checksVerdict([pass, nothing, failed])).toBe('failed');
  });

  it('never marks a passing check unproven', () => {
    expect(checkResult('d', { passed: true, proven: false, summary: 'ok' }).proven).toBeUndefined();
  });
});

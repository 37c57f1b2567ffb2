// A cell is caught only when every named check failed, the checks that must still pass passed and
// the evidence (a count or figure of the check's result) shows why; anything else is missed, the wrong reason, or not a verdict at all.
import { describe, expect, it } from 'vitest';
import { checkResult } from '../checks/result.ts';
import type { CheckResult } from '../checks/types.ts';
import type { ScenarioRunResult } from '../runner/types.ts';
import { checkCoverage, judgeCell, judgeHealthy, matrixVerdict, summarizeDefect } from './judge.ts';
import type { Expectation } from './types.ts';

function run(
  checks: CheckResult[],
  status: ScenarioRunResult['status'] = checks.every((check) => check.passed) ? 'passed' : 'failed',
  reason?: string,
): ScenarioRunResult {
  return {
    name: 'startup-db-late',
    description: 'd',
    file: undefined,
    status,
    ...(reason === undefined ? {} : { reason }),
    seed: 7,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 12_000,
    environment: { kind: 'embedded', capabilities: null },
    checks,
    timeline: null,
    loadEngine: 'builtin',
  };
}
const pass = (name: string): CheckResult => checkResult(name, { passed: true, summary: `${name} held.` });
const fail = (
  name: string,
  summary = `${name} failed.`,
  data: { counts?: Record<string, number>; figures?: Record<string, number> } = {},
): CheckResult => checkResult(name, { passed: false, summary, ...data });
/** no-5xx-except-503 as it fails with n answers of the given status. */
const fiveHundreds = (n: number, status = '500'): CheckResult =>
  fail('no-5xx-except-503', `${n} answers were 5xx other than 503 (${n} × ${status}).`, {
    counts: { [status]: n },
    figures: { other5xx: n, answered503: 0 },
  });

const expectation: Expectation = {
  scenario: 'startup-db-late',
  mustFail: ['no-5xx-except-503', 'db-failures-are-503'],
  mustPass: ['no-crash', 'ready-within'],
  evidence: { check: 'no-5xx-except-503', count: '500', says: 'a 500 was answered' },
  why: 'listens early',
};

describe('judgeCell', () => {
  it('is caught when every named check fails for the stated reason', () => {
    const cell = judgeCell(
      'listen-before-db',
      expectation,
      run([
        fiveHundreds(12),
        fail('db-failures-are-503'),
        pass('no-crash'),
        pass('ready-within'),
        fail('health-truthful'),
      ]),
    );
    expect(cell).toMatchObject({
      verdict: 'caught',
      explanation: 'caught by no-5xx-except-503, db-failures-are-503: a 500 was answered',
      failedChecks: ['no-5xx-except-503', 'db-failures-are-503', 'health-truthful'],
      seed: 7,
    });
  });

  it('judges the evidence by the numbers, never by the words of the summary', () => {
    const checks = (no5xx: CheckResult) =>
      run([no5xx, fail('db-failures-are-503'), pass('no-crash'), pass('ready-within')]);
    // A summary that says "× 500" proves nothing without the count…
    expect(judgeCell('listen-before-db', expectation, checks(fail('no-5xx-except-503', '12 × 500'))).verdict).toBe(
      'wrong-reason',
    );
    // …and a count proves it whatever the summary says.
    const counted = fail('no-5xx-except-503', 'bad answers', { counts: { '500': 1 } });
    expect(judgeCell('listen-before-db', expectation, checks(counted)).verdict).toBe('caught');
  });

  it('holds a count or a figure to its threshold (default 1)', () => {
    const checks = run([fiveHundreds(2), fail('db-failures-are-503'), pass('no-crash'), pass('ready-within')]);
    const atLeast = (n: number): Expectation => ({
      ...expectation,
      evidence: { check: 'no-5xx-except-503', count: '500', atLeast: n, says: 'several 500s' },
    });
    expect(judgeCell('listen-before-db', atLeast(2), checks).verdict).toBe('caught');
    expect(judgeCell('listen-before-db', atLeast(3), checks)).toMatchObject({
      verdict: 'wrong-reason',
      explanation: expect.stringContaining('counts["500"] = 2, expected ≥ 3'),
    });
    const figure: Expectation = {
      ...expectation,
      evidence: { check: 'no-5xx-except-503', figure: 'other5xx', says: 'a 5xx other than 503' },
    };
    expect(judgeCell('listen-before-db', figure, checks).verdict).toBe('caught');
  });

  it('is missed when one of the named checks passed', () => {
    const cell = judgeCell(
      'listen-before-db',
      expectation,
      run([fiveHundreds(1), pass('db-failures-are-503'), pass('no-crash'), pass('ready-within')]),
    );
    expect(cell).toMatchObject({
      verdict: 'missed',
      explanation: 'missed: db-failures-are-503 passed with the defect on',
    });
  });

  it('is the wrong reason when a check that must still pass failed', () => {
    const cell = judgeCell(
      'listen-before-db',
      expectation,
      run([
        fiveHundreds(1),
        fail('db-failures-are-503'),
        fail('no-crash', 'The app exited 1 time without being asked to.'),
        pass('ready-within'),
      ]),
    );
    expect(cell.verdict).toBe('wrong-reason');
    expect(cell.explanation).toContain('no-crash (The app exited 1 time without being asked to.)');
  });

  it('is the wrong reason when the evidence does not say why', () => {
    const cell = judgeCell(
      'listen-before-db',
      expectation,
      run([fiveHundreds(3, '502'), fail('db-failures-are-503'), pass('no-crash'), pass('ready-within')]),
    );
    expect(cell.verdict).toBe('wrong-reason');
    expect(cell.explanation).toMatch(
      /without the evidence that a 500 was answered \(counts\["500"\] = 0, expected ≥ 1;/,
    );
  });

  it('is no verdict when the run errored or was skipped, or the scenario does not run a named check', () => {
    expect(judgeCell('listen-before-db', expectation, run([], 'error', 'postgres did not start')).verdict).toBe(
      'error',
    );
    expect(judgeCell('listen-before-db', expectation, run([], 'skipped', 'needs redis')).verdict).toBe('skipped');
    const missing = judgeCell(
      'listen-before-db',
      expectation,
      run([fiveHundreds(1), fail('db-failures-are-503'), pass('no-crash')]),
    );
    expect(missing).toMatchObject({
      verdict: 'error',
      explanation: expect.stringContaining('does not evaluate ready-within'),
    });
  });
});

describe('summaries', () => {
  const cell = (
    verdict: 'caught' | 'missed' | 'wrong-reason' | 'skipped' | 'error',
    defect: 'listen-before-db' | 'no-reconnect' = 'listen-before-db',
  ) => ({
    ...judgeCell(defect, expectation, run([pass('no-crash')])),
    verdict,
    mustFail: [{ name: 'no-5xx-except-503', passed: false, summary: '' }],
  });

  it('counts a defect caught only when every one of its cells caught it', () => {
    expect(summarizeDefect('listen-before-db', [cell('caught'), cell('caught')])).toMatchObject({
      verdict: 'caught',
      caught: true,
    });
    expect(summarizeDefect('listen-before-db', [cell('caught'), cell('missed')]).verdict).toBe('missed');
    expect(summarizeDefect('listen-before-db', [cell('skipped'), cell('wrong-reason')]).verdict).toBe('missed');
    expect(summarizeDefect('no-reconnect', [cell('caught')]).verdict).toBe('not-proven');
  });

  it('never counts a cell that could not run as caught: the defect is not proven', () => {
    expect(summarizeDefect('listen-before-db', [cell('caught'), cell('skipped')])).toMatchObject({
      verdict: 'not-proven',
      caught: false,
    });
    expect(summarizeDefect('listen-before-db', [cell('skipped')]).verdict).toBe('not-proven');
    expect(summarizeDefect('listen-before-db', [cell('caught'), cell('error')]).verdict).toBe('not-proven');
  });

  it('lists the checks some caught cell showed failing, and the rest', () => {
    const coverage = checkCoverage([
      cell('caught'),
      { ...cell('missed'), mustFail: [{ name: 'latency', passed: true, summary: '' }] },
    ]);
    expect(coverage.shown).toEqual(['no-5xx-except-503']);
    expect(coverage.never).toContain('latency');
    expect(coverage.never).not.toContain('no-5xx-except-503');
  });

  it('judges the matrix: passed, failed (a verdict wins), or not proven when something could not run', () => {
    const passedHealthy = judgeHealthy(run([pass('no-crash')]));
    const skippedHealthy = judgeHealthy({ ...run([], 'skipped', 'needs Redis'), name: 'startup-redis-down' });
    const caught = [summarizeDefect('listen-before-db', [cell('caught')])];
    const planned = (healthy: number, cells: number) => ({ healthy, cells });

    expect(matrixVerdict([passedHealthy], [cell('caught')], caught, planned(1, 1))).toEqual({
      verdict: 'passed',
      notProven: [],
    });
    expect(matrixVerdict([passedHealthy, skippedHealthy], [cell('caught')], caught, planned(2, 1))).toEqual({
      verdict: 'not-proven',
      notProven: ['healthy × startup-redis-down: needs Redis'],
    });
    const skippedCell = { ...cell('skipped'), explanation: 'skipped: needs Redis' };
    expect(
      matrixVerdict(
        [passedHealthy],
        [skippedCell],
        [summarizeDefect('listen-before-db', [skippedCell])],
        planned(1, 1),
      ),
    ).toEqual({
      verdict: 'not-proven',
      notProven: [`listen-before-db × ${skippedCell.scenario}: skipped: needs Redis`],
    });
    expect(matrixVerdict([passedHealthy], [cell('caught')], caught, planned(3, 2)).verdict).toBe('not-proven');
    expect(matrixVerdict([judgeHealthy(run([fail('no-crash')])), skippedHealthy], [], [], planned(2, 0)).verdict).toBe(
      'failed',
    );
    expect(
      matrixVerdict(
        [skippedHealthy],
        [cell('missed')],
        [summarizeDefect('listen-before-db', [cell('missed')])],
        planned(1, 1),
      ).verdict,
    ).toBe('failed');
    expect(judgeHealthy(run([fail('no-crash', 'exited')])).failedChecks).toEqual([
      { name: 'no-crash', passed: false, summary: 'exited' },
    ]);
  });
});

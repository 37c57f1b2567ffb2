// matrix.md says at a glance what the run proved: the verdict, the healthy app, the grid of
// defect × scenario with the checks that caught each defect, and what was never shown failing.
import { expect, it } from 'vitest';
import { matrixSummary } from './console.ts';
import { matrixMarkdown } from './markdown.ts';
import type { CellResult, MatrixResult } from './types.ts';

const cell = (partial: Partial<CellResult> & Pick<CellResult, 'defect' | 'scenario' | 'verdict'>): CellResult => ({
  explanation: partial.verdict === 'caught' ? 'caught by no-crash' : 'missed: no-crash passed with the defect on',
  why: 'it exits',
  mustFail: [
    {
      name: 'no-crash',
      passed: partial.verdict !== 'caught',
      summary: 'The app exited 1 time without being asked to.',
    },
  ],
  mustPass: [{ name: 'no-5xx-except-503', passed: true, summary: 'No 5xx other than 503 (4 × 503).' }],
  failedChecks: partial.verdict === 'caught' ? ['no-crash', 'recovers-within'] : [],
  seed: 9,
  durationMs: 20_000,
  ...partial,
});

const result: MatrixResult = {
  runId: 'r1',
  seed: 9,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 60_000,
  defects: ['exit-on-db-error', 'no-reconnect'],
  healthy: [{ scenario: 'db-blackhole', status: 'passed', failedChecks: [], seed: 9, durationMs: 20_000 }],
  cells: [
    cell({ defect: 'exit-on-db-error', scenario: 'db-blackhole', verdict: 'caught' }),
    cell({ defect: 'no-reconnect', scenario: 'db-blackhole', verdict: 'missed' }),
  ],
  summary: [
    { defect: 'exit-on-db-error', verdict: 'caught', caught: true, cells: ['caught'] },
    { defect: 'no-reconnect', verdict: 'missed', caught: false, cells: ['missed'] },
  ],
  checksShownFailing: ['no-crash'],
  checksNeverShownFailing: ['latency'],
  verdict: 'failed',
  notProven: [],
  preflights: [],
  passed: false,
};

/** The same run where the second cell could not run: nothing failed, nothing was missed. */
const unproven: MatrixResult = {
  ...result,
  healthy: [
    ...result.healthy,
    {
      scenario: 'startup-redis-down',
      status: 'skipped',
      reason: 'needs Redis',
      failedChecks: [],
      seed: 9,
      durationMs: 0,
    },
  ],
  cells: [result.cells[0]!, { ...result.cells[1]!, verdict: 'skipped', explanation: 'skipped: needs Redis' }],
  summary: [result.summary[0]!, { defect: 'no-reconnect', verdict: 'not-proven', caught: false, cells: ['skipped'] }],
  verdict: 'not-proven',
  notProven: ['healthy × startup-redis-down: needs Redis', 'no-reconnect × db-blackhole: skipped: needs Redis'],
};

it('renders the verdict, the grid and the cells', () => {
  const markdown = matrixMarkdown(result);
  expect(markdown).toMatch(/^# Defect matrix — FAILED\n/);
  expect(markdown).toContain('| `db-blackhole` | passed | 20.0 s |  |');
  expect(markdown).toContain('| `exit-on-db-error` | ✅ caught by no-crash |');
  expect(markdown).toContain('| `no-reconnect` **not caught** | ❌ missed |');
  expect(markdown).toContain(
    'Not made to fail by any defect of this run (their unit tests show them failing on recorded timelines): latency.',
  );
  expect(markdown).toContain('- also failed: recovers-within');
  expect(markdown).toContain('`faultline run <scenario> --defects <defect> --seed 9`');
});

it('ends the console output with one verdict line naming what was not caught', () => {
  expect(matrixSummary(result).split('\n').at(-1)).toMatch(
    /^MATRIX FAILED — not caught: no-reconnect \(60\.0 s, seed 9\)$/,
  );
  expect(
    matrixSummary({ ...result, verdict: 'passed', passed: true, summary: [result.summary[0]!] })
      .split('\n')
      .at(-1),
  ).toMatch(/^MATRIX OK — the healthy app passed 1 scenario\(s\); all 1 defect\(s\) caught/);
});

it('says NOT PROVEN, never caught or passed, for what could not run', () => {
  const markdown = matrixMarkdown(unproven);
  expect(markdown).toMatch(/^# Defect matrix — NOT PROVEN\n/);
  expect(markdown).toContain('- healthy × startup-redis-down: needs Redis');
  expect(markdown).toContain('| `no-reconnect` **not proven** | ⏭️ skipped |');
  const console = matrixSummary(unproven).split('\n');
  expect(console.at(-1)).toBe(
    'MATRIX NOT PROVEN — nothing failed, but not everything ran: healthy × startup-redis-down: needs Redis; no-reconnect × db-blackhole: skipped: needs Redis (60.0 s, seed 9)',
  );
  expect(console.some((line) => /CAUGHT\s+no-reconnect/.test(line))).toBe(false);
  expect(console.some((line) => /UNPROVEN\s+no-reconnect/.test(line))).toBe(true);
});

// A target's defects and their matrix cells are checked with the rest of its definition: a cell for
// a defect the target does not name, a check that does not exist, a check that must both fail and
// pass, or evidence from a check that need not fail stops the run before anything starts (exit 2).
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../cli/exit-codes.ts';
import { defineTarget, TargetError } from './define.ts';
import type { DefectCell, TargetDefinition } from './types.ts';

const CELL: DefectCell = {
  scenario: 'db-outage-under-load',
  mustFail: ['no-5xx-except-503'],
  mustPass: ['no-crash'],
  evidence: { check: 'no-5xx-except-503', count: '500', says: 'a 500 was answered' },
  why: 'database errors answer 500',
};

const target = (cells: unknown): TargetDefinition => ({
  name: 'shop',
  app: { command: ['node', 'server.js'], inject: { databaseUrl: 'SHOP_DB', port: 'SHOP_PORT' } },
  database: { migrate: { sql: 'schema.sql' } },
  health: { endpoints: { ready: '/ready' }, ready: 'ready' },
  requests: { home: { kind: 'read', build: () => ({ method: 'GET', path: '/' }) } },
  defaultMix: { home: 1 },
  defects: { env: 'SHOP_BUGS', names: ['errors-500', 'no-retry'], cells } as TargetDefinition['defects'],
});

function problems(cells: unknown): string[] {
  try {
    defineTarget(target(cells));
  } catch (error) {
    if (!(error instanceof TargetError)) throw error;
    expect(error.exitCode).toBe(ExitCode.InvalidInput);
    return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
  }
  return [];
}

describe('defects.cells', () => {
  it('accepts cells for some of the named defects, with a count or a figure as evidence', () => {
    expect(problems({ 'errors-500': [CELL] })).toEqual([]);
    expect(
      problems({
        'errors-500': [
          { ...CELL, evidence: { check: 'no-5xx-except-503', figure: 'other5xx', atLeast: 3, says: 's' } },
        ],
        'no-retry': [],
      }),
    ).toEqual([]);
    expect(problems(undefined)).toEqual([]);
  });

  it.each([
    [{ 'made-up': [CELL] }, /defects\.cells\.made-up: expected a defect of names \(errors-500, no-retry\)/],
    [
      { 'errors-500': [{ ...CELL, mustFail: ['no-such-check'] }] },
      /mustFail\[0\]: expected a check name, built-in or the target's own \(no-crash,/,
    ],
    [{ 'errors-500': [{ ...CELL, mustFail: [] }] }, /mustFail: expected at least one check that must fail/],
    [{ 'errors-500': [{ ...CELL, mustPass: ['no-5xx-except-503'] }] }, /no-5xx-except-503 cannot both fail and pass/],
    [
      { 'errors-500': [{ ...CELL, evidence: { ...CELL.evidence, check: 'no-crash' } }] },
      /evidence\.check: expected one of the checks that must fail \(no-5xx-except-503\)/,
    ],
    [
      { 'errors-500': [{ ...CELL, evidence: { check: 'no-5xx-except-503', pattern: '× 500', says: 's' } }] },
      /evidence: expected \{ check, count/,
    ],
    [{ 'errors-500': [{ ...CELL, why: '' }] }, /why: expected why the defect makes those checks fail/],
  ])('refuses %j, naming the field', (cells, message) => {
    expect(problems(cells).join('\n')).toMatch(message);
  });
});

// Planning a matrix from a target's cells: the defects with cells (or those of --only), and the
// healthy baseline — each scenario the chosen cells name, once. A cell that names a scenario that
// was not found, or a check its scenario does not run, stops the matrix before anything starts.
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../cli/exit-codes.ts';
import { defineScenario } from '../scenario/define.ts';
import { MatrixError, planMatrix } from './run-matrix.ts';
import type { DefectMatrix } from './types.ts';

const scenario = (name: string) =>
  defineScenario({
    name,
    description: `The ${name} scenario of a hand-made matrix.`,
    duration: '5s',
    checks: { 'no-crash': true, 'no-5xx-except-503': true },
  });
const SCENARIOS = new Map(['outage', 'startup', 'sweep'].map((name) => [name, scenario(name)]));
const cell = (name: string) => ({ scenario: name, mustFail: ['no-5xx-except-503' as const], mustPass: [], why: 'w' });
const MATRIX: DefectMatrix = {
  'errors-500': [cell('outage'), cell('startup')],
  'p2025-500': [cell('sweep'), cell('outage')],
  'no-cell-yet': [],
};

describe('planMatrix', () => {
  it('runs every defect with cells, and each scenario the cells name once as the healthy baseline', () => {
    const plan = planMatrix(MATRIX, SCENARIOS);
    expect(plan.defects).toEqual(['errors-500', 'p2025-500']);
    expect(plan.healthy.map((found) => found.name)).toEqual(['outage', 'startup', 'sweep']);
  });

  it('narrows both to the chosen defects', () => {
    const plan = planMatrix(MATRIX, SCENARIOS, ['p2025-500']);
    expect(plan.defects).toEqual(['p2025-500']);
    expect(plan.healthy.map((found) => found.name)).toEqual(['sweep', 'outage']);
  });

  it.each([
    [{ 'errors-500': [cell('nope')] }, 'the matrix names scenario "nope" for errors-500, which was not found'],
    [
      { 'errors-500': [{ ...cell('outage'), mustPass: ['latency' as const] }] },
      'the matrix cell errors-500 × outage names latency, which the scenario does not evaluate (it runs no-crash, no-5xx-except-503)',
    ],
  ])('refuses %j before anything runs (exit 2)', (matrix, message) => {
    expect(() => planMatrix(matrix, SCENARIOS)).toThrow(message);
    expect(() => planMatrix(matrix, SCENARIOS)).toThrow(MatrixError);
    expect(new MatrixError('m').exitCode).toBe(ExitCode.InvalidInput);
  });
});

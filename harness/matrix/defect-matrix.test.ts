// The declared matrix is consistent before anything runs: every defect of the registry has a
// scenario that must catch it, every named scenario is in the release suite and evaluates every
// check the matrix names, and a check is never both "must fail" and "must still pass".
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import release from '../../scenarios/release.suite.ts';
import { DEFECT_NAMES } from '../../target-app/src/lib/defects.ts';
import { CHECK_NAMES } from '../checks/registry.ts';
import { DEFECT_MATRIX, UNCAUGHT_CHECKS, UNCAUGHT_DEFECTS } from './defect-matrix.ts';
import { declaredMatrixMarkdown } from './markdown.ts';
import { MatrixError, planMatrix } from './run-matrix.ts';

const cells = Object.entries(DEFECT_MATRIX).flatMap(([defect, expectations]) =>
  expectations.map((expectation) => ({ defect, ...expectation })),
);

describe('the declared defect matrix', () => {
  it('names every defect of the registry, and nothing else', () => {
    expect(Object.keys(DEFECT_MATRIX).sort()).toEqual([...DEFECT_NAMES].sort());
    for (const defect of DEFECT_NAMES) {
      const uncaught = UNCAUGHT_DEFECTS[defect];
      // A defect without a cell must say why; one with a cell must not claim to have none.
      if (uncaught === undefined) expect(DEFECT_MATRIX[defect].length, defect).toBeGreaterThan(0);
      else expect([DEFECT_MATRIX[defect].length, uncaught.length > 0], defect).toEqual([0, true]);
    }
  });

  it('shows every check of the catalog failing against at least one defect, but the declared holes', () => {
    const caught = new Set(cells.flatMap((cell) => cell.mustFail));
    // A hole is declared with its reason, and a declared hole that a cell now catches is no hole.
    expect(CHECK_NAMES.filter((name) => !caught.has(name))).toEqual(Object.keys(UNCAUGHT_CHECKS));
    for (const reason of Object.values(UNCAUGHT_CHECKS)) expect(reason.length).toBeGreaterThan(0);
  });

  it.each(cells)(
    '$defect × $scenario: a release scenario that evaluates every named check',
    ({ scenario, mustFail, mustPass, evidence }) => {
      const found = release.scenarios.find((candidate) => candidate.name === scenario);
      expect(found, `${scenario} is in the release suite`).toBeDefined();
      const evaluated = found!.checks.map((check) => check.name);
      expect(evaluated).toEqual(expect.arrayContaining([...mustFail, ...mustPass]));
      expect(mustFail.length).toBeGreaterThan(0);
      expect(mustFail.filter((name) => mustPass.includes(name))).toEqual([]);
      if (evidence !== undefined) expect(mustFail).toContain(evidence.check);
    },
  );

  it('plans the healthy run over the whole suite, or over the scenarios of the chosen defects', () => {
    expect(planMatrix(DEFECT_MATRIX, release.scenarios).healthy).toHaveLength(release.scenarios.length);
    const only = planMatrix(DEFECT_MATRIX, release.scenarios, ['no-connect-retry']);
    expect(only.defects).toEqual(['no-connect-retry']);
    expect(only.healthy.map((scenario) => scenario.name)).toEqual(
      DEFECT_MATRIX['no-connect-retry'].map((cell) => cell.scenario),
    );
    expect(() =>
      planMatrix(
        { ...DEFECT_MATRIX, 'no-reconnect': [{ scenario: 'nope', mustFail: ['no-crash'], mustPass: [], why: '' }] },
        release.scenarios,
      ),
    ).toThrow(MatrixError);
  });

  it('is the table README.md shows', async () => {
    const readme = await fs.readFile(new URL('../../README.md', import.meta.url), 'utf8');
    expect(
      readme,
      'README.md "The defect matrix" is out of date: paste declaredMatrixMarkdown(DEFECT_MATRIX)',
    ).toContain(declaredMatrixMarkdown(DEFECT_MATRIX));
  });
});

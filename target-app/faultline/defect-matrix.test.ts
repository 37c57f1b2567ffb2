// The reference app's declared matrix is consistent before anything runs: every defect of its
// registry has a scenario that must catch it, every named scenario is in the release suite and
// evaluates every check the cell names, its config hands the cells to Faultline, and every check of
// the catalog, and of the app's own, is shown failing by some defect.
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CHECK_NAMES } from '../../harness/checks/registry.ts';
import { resolveTargets } from '../../harness/cli/catalog.ts';
import { resolveCellScenarios } from '../../harness/matrix/cell-scenarios.ts';
import { declaredMatrixMarkdown } from '../../harness/matrix/markdown.ts';
import { planMatrix } from '../../harness/matrix/run-matrix.ts';
import { repoTarget } from '../../harness/testing/target.ts';
import { DEFECT_NAMES } from '../src/lib/defects.ts';
import { DEFECT_MATRIX } from './defect-matrix.ts';
import { UNCAUGHT_CHECKS, UNCAUGHT_DEFECTS } from './matrix-holes.ts';

const cells = Object.entries(DEFECT_MATRIX).flatMap(([defect, expectations]) =>
  expectations.map((expectation) => ({ defect, ...expectation })),
);

describe("the reference app's defect matrix", () => {
  it('is the matrix its target declares', async () => {
    expect((await repoTarget()).defects?.cells).toEqual(DEFECT_MATRIX);
  });

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

  it("shows each of the app's own checks failing against at least one defect", async () => {
    const caught = new Set<string>(cells.flatMap((cell) => cell.mustFail));
    const own = Object.keys((await repoTarget()).checks ?? {});
    expect(own.length).toBeGreaterThan(0);
    expect(own.filter((name) => !caught.has(name))).toEqual([]);
  });

  it('names only scenarios of its release suite', async () => {
    const release = await resolveTargets(['release'], await repoTarget());
    const names = release.map((scenario) => scenario.name);
    expect(cells.map((cell) => cell.scenario).filter((scenario) => !names.includes(scenario))).toEqual([]);
  });

  it('plans: every cell resolves to a scenario that evaluates the checks it names', async () => {
    const target = await repoTarget();
    const scenarios = await resolveCellScenarios(target, DEFECT_MATRIX);
    const plan = planMatrix(DEFECT_MATRIX, scenarios);
    expect(plan.defects.sort()).toEqual([...DEFECT_NAMES].sort());
    expect(plan.healthy.map((scenario) => scenario.name).sort()).toEqual(
      [...new Set(cells.map((cell) => cell.scenario))].sort(),
    );
  });

  it('is the table README.md shows', async () => {
    const readme = await fs.readFile(new URL('../../README.md', import.meta.url), 'utf8');
    expect(
      readme,
      'README.md "The defect matrix" is out of date: paste declaredMatrixMarkdown(DEFECT_MATRIX)',
    ).toContain(declaredMatrixMarkdown(DEFECT_MATRIX));
  });
});

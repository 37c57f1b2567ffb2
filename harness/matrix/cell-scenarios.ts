// What a target's matrix needs before it runs: its cells (a target that declares none has no matrix:
// exit 2, saying where to declare them), and each scenario a cell names, resolved once — a name as
// `faultline run` takes it (the target's own scenarios first, then the catalog's), or a path
// relative to the config file.
import path from 'node:path';
import { resolveTargets } from '../cli/catalog.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Target } from '../target/types.ts';
import { MatrixError } from './run-matrix.ts';
import type { DefectMatrix, DefectName } from './types.ts';

/** The target's cells; a MatrixError (exit 2) when it declares no defect with a cell. */
export function targetMatrix(target: Target): DefectMatrix {
  const cells = target.defects?.cells ?? {};
  if (Object.values(cells).every((defectCells) => defectCells.length === 0))
    throw new MatrixError(
      target.defects === undefined
        ? `the target "${target.name}" declares no defects: the matrix needs defects: { env, names, cells } in its config`
        : `the target "${target.name}" declares no matrix cells: add defects.cells (for each defect, the scenarios that must catch it) to its config`,
    );
  return cells;
}

/** --only: defects of the target that have cells; anything else is a MatrixError (exit 2). */
export function chooseDefects(target: Target, matrix: DefectMatrix, only: readonly string[]): DefectName[] {
  const names = target.defects?.names ?? [];
  const unknown = only.filter((name) => !names.includes(name));
  if (only.length === 0 || unknown.length > 0)
    throw new MatrixError(
      `--only expects defects of the target "${target.name}" (${names.join(', ')})${unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''}`,
    );
  const cellLess = only.filter((name) => (matrix[name]?.length ?? 0) === 0);
  if (cellLess.length > 0)
    throw new MatrixError(`--only: ${cellLess.join(', ')} has no matrix cell in the target's defects.cells`);
  return [...only];
}

/** Each scenario the chosen defects' cells name, by the name the cell gives it. */
export async function resolveCellScenarios(
  target: Target,
  matrix: DefectMatrix,
  only?: readonly DefectName[],
): Promise<Map<string, Scenario>> {
  const refs = new Set(
    Object.entries(matrix)
      .filter(([defect]) => only === undefined || only.includes(defect))
      .flatMap(([, cells]) => cells.map((cell) => cell.scenario)),
  );
  const scenarios = new Map<string, Scenario>();
  for (const ref of refs) {
    const found = await resolveTargets([ref.includes('/') ? path.resolve(target.root, ref) : ref], target);
    if (found.length !== 1)
      throw new MatrixError(`the matrix cell scenario "${ref}" is a suite of ${found.length}: name one scenario`);
    scenarios.set(ref, found[0] as Scenario);
  }
  return scenarios;
}

// Runs the matrix: the release suite against the healthy app, then every declared defect against
// each of its scenarios — one environment per run, one run at a time (the scenarios' bounds assume
// they have the machine to themselves, give or take other people's work). Runs use the same seed,
// so a failing cell can be repeated with `faultline run <scenario> --defects <defect> --seed N`.
import type { EnvironmentChoice } from '../runner/environment-factory.ts';
import { runScenario } from '../runner/run-scenario.ts';
import type { Scenario } from '../scenario/types.ts';
import { checkCoverage, judgeCell, judgeHealthy, matrixVerdict, summarizeDefect } from './judge.ts';
import type { CellResult, DefectMatrix, DefectName, HealthyResult, MatrixResult } from './types.ts';

export interface RunMatrixOptions {
  runId: string;
  seed: number;
  matrix: DefectMatrix;
  /** The release suite's scenarios: the healthy run, and where the cells find theirs. */
  scenarios: readonly Scenario[];
  /** Only these defects (default: all); the healthy run then covers only their scenarios. */
  only?: readonly DefectName[];
  environment?: EnvironmentChoice;
  /** Told about every finished run, for progress output. */
  onHealthy?: (result: HealthyResult) => void;
  onCell?: (result: CellResult) => void;
  /** Told before each run starts. */
  onStart?: (what: { defect: DefectName | null; scenario: string }) => void;
  signal?: AbortSignal;
}

export class MatrixError extends Error {
  readonly code = 'MATRIX_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'MatrixError';
  }
}

/** The scenarios a run needs, in release order; a cell naming an unknown scenario is an error before anything runs. */
export function planMatrix(
  matrix: DefectMatrix,
  scenarios: readonly Scenario[],
  only?: readonly DefectName[],
): { defects: DefectName[]; healthy: Scenario[] } {
  // A defect without cells (UNCAUGHT_DEFECTS in defect-matrix.ts) has nothing to run.
  const defects = (Object.keys(matrix) as DefectName[]).filter(
    (defect) => matrix[defect].length > 0 && (only === undefined || only.includes(defect)),
  );
  const known = new Set(scenarios.map((scenario) => scenario.name));
  for (const defect of defects) {
    for (const { scenario } of matrix[defect])
      if (!known.has(scenario))
        throw new MatrixError(
          `the matrix names scenario "${scenario}" for ${defect}, which is not in the release suite`,
        );
  }
  const used = new Set(defects.flatMap((defect) => matrix[defect].map((cell) => cell.scenario)));
  return {
    defects,
    healthy: only === undefined ? [...scenarios] : scenarios.filter((scenario) => used.has(scenario.name)),
  };
}

export async function runMatrix(options: RunMatrixOptions): Promise<MatrixResult> {
  const startedAt = new Date();
  const { defects, healthy: healthyScenarios } = planMatrix(options.matrix, options.scenarios, options.only);
  const byName = new Map(options.scenarios.map((scenario) => [scenario.name, scenario]));
  const run = (scenario: Scenario, defect: DefectName | null) =>
    runScenario(scenario, {
      runId: options.runId,
      seed: options.seed,
      environment: options.environment ?? { kind: 'embedded' },
      loadEngine: 'builtin',
      appEnv: defect === null ? {} : { TARGET_APP_DEFECTS: defect },
      progress: false,
      signal: options.signal,
    });

  const healthy: HealthyResult[] = [];
  for (const scenario of healthyScenarios) {
    if (options.signal?.aborted) break;
    options.onStart?.({ defect: null, scenario: scenario.name });
    const result = judgeHealthy(await run(scenario, null));
    healthy.push(result);
    options.onHealthy?.(result);
  }

  const cells: CellResult[] = [];
  for (const defect of defects) {
    for (const expectation of options.matrix[defect]) {
      if (options.signal?.aborted) break;
      options.onStart?.({ defect, scenario: expectation.scenario });
      const result = judgeCell(defect, expectation, await run(byName.get(expectation.scenario) as Scenario, defect));
      cells.push(result);
      options.onCell?.(result);
    }
  }

  const summary = defects.map((defect) => summarizeDefect(defect, cells));
  const coverage = checkCoverage(cells);
  const { verdict, notProven } = matrixVerdict(healthy, cells, summary, {
    healthy: healthyScenarios.length,
    cells: defects.reduce((count, defect) => count + options.matrix[defect].length, 0),
  });
  return {
    runId: options.runId,
    seed: options.seed,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    defects,
    healthy,
    cells,
    summary,
    checksShownFailing: coverage.shown,
    checksNeverShownFailing: coverage.never,
    verdict,
    notProven,
    passed: verdict === 'passed',
  };
}

// Runs the matrix: the cells' scenarios against the healthy app, then every declared defect against
// each of its scenarios — one environment per run, one run at a time (the scenarios' bounds assume
// they have the machine to themselves, give or take other people's work). Runs use the same seed,
// so a failing cell can be repeated with `faultline run <scenario> --defects <defect> --seed N`.
import { ExitCode, FaultlineError } from '../cli/exit-codes.ts';
import { defectsEnv } from '../cli/flags.ts';
import { DEFAULT_POLICY } from '../report/gating/policies.ts';
import type { GatedScenarioResult } from '../report/gating/types.ts';
import type { EnvironmentChoice } from '../runner/environment-factory.ts';
import { notRun, runPlan } from '../runner/run-plan.ts';
import type { ScenarioRunResult } from '../runner/types.ts';
import type { Scenario } from '../scenario/types.ts';
import { checkCoverage, judgeCell, judgeHealthy, matrixVerdict, summarizeDefect } from './judge.ts';
import type {
  CellResult,
  DefectMatrix,
  DefectName,
  Expectation,
  HealthyResult,
  MatrixPreflight,
  MatrixResult,
} from './types.ts';

export interface RunMatrixOptions {
  runId: string;
  seed: number;
  /** The target's cells, by defect. */
  matrix: DefectMatrix;
  /** Each scenario a cell names, by the name the cell gives it (cellScenarios resolves them). */
  scenarios: ReadonlyMap<string, Scenario>;
  /** Only these defects (default: every defect with cells). */
  only?: readonly DefectName[];
  /** Where and what: the target (whose defects the cells switch on) and its environment. */
  environment: EnvironmentChoice;
  /** Told about every finished run, for progress output. */
  onHealthy?: (result: HealthyResult) => void;
  onCell?: (result: CellResult) => void;
  /** Told about every preflight (the healthy app's, then each defect's). */
  onPreflight?: (preflight: MatrixPreflight) => void;
  /** Told before each run starts. */
  onStart?: (what: { defect: DefectName | null; scenario: string }) => void;
  signal?: AbortSignal;
}

/** The matrix declaration does not fit the suite: nothing ran (exit code 2). */
export class MatrixError extends FaultlineError {
  readonly code = 'MATRIX_INVALID';
  readonly exitCode = ExitCode.InvalidInput;
  constructor(message: string) {
    super(message);
    this.name = 'MatrixError';
  }
}

/**
 * The defects to run and the healthy baseline: every scenario the chosen defects' cells name, once,
 * in the order the cells first name them — a defect cell proves something only against a scenario
 * the healthy app passes. A cell naming a scenario that is not given, or a check its scenario does
 * not evaluate, is an error before anything runs.
 */
export function planMatrix(
  matrix: DefectMatrix,
  scenarios: ReadonlyMap<string, Scenario>,
  only?: readonly DefectName[],
): { defects: DefectName[]; healthy: Scenario[] } {
  // A defect without cells has nothing to run.
  const defects = Object.keys(matrix).filter(
    (defect) => (matrix[defect]?.length ?? 0) > 0 && (only === undefined || only.includes(defect)),
  );
  const healthy = new Map<string, Scenario>();
  for (const defect of defects) {
    for (const cell of matrix[defect] ?? []) {
      const scenario = scenarios.get(cell.scenario);
      if (scenario === undefined)
        throw new MatrixError(`the matrix names scenario "${cell.scenario}" for ${defect}, which was not found`);
      const evaluated = new Set<string>([
        ...scenario.checks.map((check) => check.name),
        ...scenario.targetChecks.map((check) => check.name),
      ]);
      const unknown = [...cell.mustFail, ...cell.mustPass].filter((name) => !evaluated.has(name));
      if (unknown.length > 0)
        throw new MatrixError(
          `the matrix cell ${defect} × ${cell.scenario} names ${unknown.join(', ')}, which the scenario does not evaluate (it runs ${[...evaluated].join(', ')})`,
        );
      healthy.set(cell.scenario, scenario);
    }
  }
  return { defects, healthy: [...healthy.values()] };
}

export async function runMatrix(options: RunMatrixOptions): Promise<MatrixResult> {
  const startedAt = new Date();
  const { defects, healthy: healthyScenarios } = planMatrix(options.matrix, options.scenarios, options.only);
  const { environment, signal } = options;
  // Every run of the matrix goes the way `faultline run` goes (preflight first: a defect cell
  // "caught" because the app never started would be a lie, and so would a healthy run failing for
  // it), with no retries: a cell must catch its defect every time.
  const preflights: MatrixPreflight[] = [];
  const plan = (defect: DefectName | null, scenarios: Scenario[], scenarioEnd: (result: GatedScenarioResult) => void) =>
    runPlan({
      runId: options.runId,
      seed: options.seed,
      scenarios,
      environment,
      loadEngine: 'builtin',
      appEnv: defect === null ? {} : defectsEnv(environment.target, defect),
      policy: DEFAULT_POLICY,
      progress: false,
      signal,
      on: {
        preflightStart: () => options.onStart?.({ defect, scenario: 'preflight' }),
        preflight: (result) => {
          preflights.push({ defect, result });
          options.onPreflight?.({ defect, result });
        },
        attemptStart: (scenario) => options.onStart?.({ defect, scenario: scenario.name }),
        scenarioEnd,
      },
    });

  const healthy: HealthyResult[] = [];
  const healthyRun = await plan(null, healthyScenarios, (result) => {
    const judged = judgeHealthy(result);
    healthy.push(judged);
    options.onHealthy?.(judged);
  });
  const healthyBoot = healthyRun.preflight;
  const bootFailed = healthyBoot?.passed === false;

  const cells: CellResult[] = [];
  const judge = (defect: DefectName, expectation: Expectation, result: ScenarioRunResult): void => {
    const cell = judgeCell(defect, expectation, result);
    cells.push(cell);
    options.onCell?.(cell);
  };
  for (const defect of bootFailed ? [] : defects) {
    if (signal?.aborted) break;
    const expectations = options.matrix[defect] ?? [];
    const scenarios = expectations.map((expectation) => options.scenarios.get(expectation.scenario) as Scenario);
    const startedAtDefect = new Date();
    let next = 0;
    const { preflight: boot } = await plan(defect, scenarios, (result) => {
      judge(defect, expectations[next] as Expectation, result);
      next++;
    });
    // The app never booted with the defect on: each cell is an error, not a catch.
    if (boot?.passed === false)
      for (const [index, expectation] of expectations.entries())
        judge(
          defect,
          expectation,
          notRun(scenarios[index] as Scenario, boot, {
            seed: options.seed,
            environment: environment.kind,
            startedAt: startedAtDefect,
          }),
        );
  }

  const summary = defects.map((defect) => summarizeDefect(defect, cells));
  const coverage = checkCoverage(cells, Object.keys(environment.target.checks ?? {}));
  const judged = matrixVerdict(healthy, cells, summary, {
    healthy: healthyScenarios.length,
    cells: defects.reduce((count, defect) => count + (options.matrix[defect]?.length ?? 0), 0),
  });
  // The healthy app never booted: nothing ran, so nothing was proven (whatever the counts say).
  const verdict = bootFailed ? 'not-proven' : judged.verdict;
  const notProven = bootFailed
    ? [`healthy app preflight: ${healthyBoot.reason ?? 'it never became healthy'}`, ...judged.notProven]
    : judged.notProven;
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
    preflights,
    passed: verdict === 'passed',
  };
}

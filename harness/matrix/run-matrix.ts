// Runs the matrix: the cells' scenarios against the healthy app, then every declared defect against
// each of its scenarios — one environment per run, one run at a time (the scenarios' bounds assume
// they have the machine to themselves, give or take other people's work). Runs use the same seed,
// so a failing cell can be repeated with `faultline run <scenario> --defects <defect> --seed N`.
import { ExitCode, FaultlineError, InterruptedError } from '../cli/exit-codes.ts';
import { runPreflight } from '../runner/preflight.ts';
import type { PreflightResult, ScenarioRunResult } from '../runner/types.ts';
import type { EnvironmentChoice } from '../runner/environment-factory.ts';
import { defectsEnv } from '../cli/flags.ts';
import { runScenario } from '../runner/run-scenario.ts';
import type { Scenario } from '../scenario/types.ts';
import { checkCoverage, judgeCell, judgeHealthy, matrixVerdict, summarizeDefect } from './judge.ts';
import type { CellResult, DefectMatrix, DefectName, HealthyResult, MatrixPreflight, MatrixResult } from './types.ts';

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
      const evaluated = new Set(scenario.checks.map((check) => check.name));
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

/** A run that never happened because the app did not boot with the defect on: an error, not a catch. */
function notBooted(scenario: Scenario, boot: PreflightResult): ScenarioRunResult {
  return {
    name: scenario.name,
    description: scenario.description,
    file: scenario.file,
    status: 'error',
    errorKind: 'preflight',
    reason: `the app never became healthy in preflight with the defect on: ${boot.reason ?? 'no reason recorded'}`,
    seed: scenario.seed ?? 0,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    environment: { kind: 'embedded', capabilities: null },
    checks: [],
    timeline: null,
    loadEngine: null,
  };
}

export async function runMatrix(options: RunMatrixOptions): Promise<MatrixResult> {
  const startedAt = new Date();
  const { defects, healthy: healthyScenarios } = planMatrix(options.matrix, options.scenarios, options.only);
  const byName = options.scenarios;
  const run = (scenario: Scenario, defect: DefectName | null) =>
    runScenario(scenario, {
      runId: options.runId,
      seed: options.seed,
      environment: options.environment,
      loadEngine: 'builtin',
      appEnv: defect === null ? {} : defectsEnv(options.environment.target, defect),
      progress: false,
      signal: options.signal,
    });

  // Boot the app once (healthy, then with each defect) before its runs: a defect cell "caught"
  // because the app never started would be a lie, and so would a healthy run failing for it.
  const environment = options.environment;
  const preflights: MatrixPreflight[] = [];
  const preflight = async (defect: DefectName | null): Promise<PreflightResult | undefined> => {
    if (options.signal?.aborted) return undefined;
    options.onStart?.({ defect, scenario: 'preflight' });
    try {
      const result = await runPreflight(environment, {
        seed: options.seed,
        appEnv: defect === null ? {} : defectsEnv(options.environment.target, defect),
        signal: options.signal,
      });
      preflights.push({ defect, result });
      options.onPreflight?.({ defect, result });
      return result;
    } catch (error) {
      if (error instanceof InterruptedError) return undefined;
      throw error;
    }
  };
  const healthyBoot = await preflight(null);
  const bootFailed = healthyBoot?.passed === false;

  const healthy: HealthyResult[] = [];
  for (const scenario of bootFailed ? [] : healthyScenarios) {
    if (options.signal?.aborted) break;
    options.onStart?.({ defect: null, scenario: scenario.name });
    const result = judgeHealthy(await run(scenario, null));
    healthy.push(result);
    options.onHealthy?.(result);
  }

  const cells: CellResult[] = [];
  for (const defect of bootFailed ? [] : defects) {
    const boot = await preflight(defect);
    for (const expectation of options.matrix[defect] ?? []) {
      if (options.signal?.aborted) break;
      if (boot !== undefined && !boot.passed) {
        const result = judgeCell(defect, expectation, notBooted(byName.get(expectation.scenario) as Scenario, boot));
        cells.push(result);
        options.onCell?.(result);
        continue;
      }
      options.onStart?.({ defect, scenario: expectation.scenario });
      const result = judgeCell(defect, expectation, await run(byName.get(expectation.scenario) as Scenario, defect));
      cells.push(result);
      options.onCell?.(result);
    }
  }

  const summary = defects.map((defect) => summarizeDefect(defect, cells));
  const coverage = checkCoverage(cells);
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

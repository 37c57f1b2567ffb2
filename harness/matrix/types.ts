// The defect matrix's contract: what a matrix run found (the healthy runs, then every declared
// defect × scenario cell). The cells themselves are the target's (`defects.cells` in its
// faultline.config.ts, typed in harness/target/types.ts). Reporters render a MatrixResult; the
// runner owns the exit code.
import type { PreflightResult, ScenarioStatus } from '../runner/types.ts';
import type { DefectCell, DefectEvidence } from '../target/types.ts';

/** A defect of the target, as its config names it. */
export type DefectName = string;
/** One scenario that must catch a defect, and how (a target's cell). */
export type Expectation = DefectCell;
export type { DefectEvidence };
/** The target's cells, by defect name. */
export type DefectMatrix = Readonly<Record<DefectName, readonly Expectation[]>>;

/**
 * caught: every mustFail check failed, every mustPass passed, the evidence matched.
 * missed: a mustFail check passed. wrong-reason: they failed, but a mustPass check failed too or
 * the evidence did not say why. error: the environment or the run failed (not a verdict).
 * skipped: the environment lacks what the scenario needs (e.g. Redis).
 */
export type CellVerdict = 'caught' | 'missed' | 'wrong-reason' | 'error' | 'skipped';

export interface CheckOutcome {
  name: string;
  passed: boolean;
  summary: string;
}

export interface CellResult {
  defect: DefectName;
  scenario: string;
  verdict: CellVerdict;
  /** One line: which checks caught it, or what went wrong. */
  explanation: string;
  why: string;
  mustFail: CheckOutcome[];
  mustPass: CheckOutcome[];
  /** Every check of the scenario that failed, named or not. */
  failedChecks: string[];
  seed: number;
  durationMs: number;
}

export interface HealthyResult {
  scenario: string;
  status: ScenarioStatus;
  failedChecks: CheckOutcome[];
  reason?: string;
  seed: number;
  durationMs: number;
}

/**
 * caught: every cell of the defect caught it. missed: a cell missed it or caught it for another
 * reason (a verdict). not-proven: no cell missed it, but some could not run (skipped, error).
 */
export type DefectVerdict = 'caught' | 'missed' | 'not-proven';

export interface DefectSummary {
  defect: DefectName;
  verdict: DefectVerdict;
  /** verdict === 'caught'. */
  caught: boolean;
  cells: CellVerdict[];
}

/**
 * passed: the healthy app passed every scenario and every defect was caught. failed: the healthy app
 * failed a scenario or a defect was missed (a verdict; exit 1). not-proven: nothing failed, but a
 * healthy run or a cell could not run here (e.g. it needs Redis) or errored, so the matrix did not
 * show what it claims (exit 3).
 */
export type MatrixVerdict = 'passed' | 'failed' | 'not-proven';

/** The app booted once before its runs (healthy, or with one defect on), every dependency healthy. */
export interface MatrixPreflight {
  defect: DefectName | null;
  result: PreflightResult;
}

export interface MatrixResult {
  runId: string;
  seed: number;
  startedAt: string;
  durationMs: number;
  /** The defects this run covered (all, or those of --only). */
  defects: DefectName[];
  healthy: HealthyResult[];
  cells: CellResult[];
  summary: DefectSummary[];
  /** Checks that some caught cell showed failing; and those no defect made fail in this run. */
  checksShownFailing: string[];
  checksNeverShownFailing: string[];
  verdict: MatrixVerdict;
  /** What kept the verdict from being proven: "<defect|healthy> × <scenario>: <reason>". */
  notProven: string[];
  /** Each preflight: the healthy app's first, then each defect's. */
  preflights: MatrixPreflight[];
  /** verdict === 'passed': the healthy app passed every scenario, and every defect was caught. */
  passed: boolean;
}

// Judging one run: a healthy scenario passes or not; a defect cell is caught only when every named
// check failed, the checks that must still pass passed, and the evidence shows why — a count or a
// figure of the check's result, never the words of its summary. Pure functions of a
// ScenarioRunResult, so they are unit-tested on hand-made results.
import { CHECK_NAMES } from '../checks/registry.ts';
import type { CheckResult } from '../checks/types.ts';
import type { ScenarioRunResult } from '../runner/types.ts';
import type {
  CellResult,
  CellVerdict,
  CheckOutcome,
  DefectEvidence,
  DefectName,
  DefectSummary,
  DefectVerdict,
  Expectation,
  HealthyResult,
  MatrixVerdict,
} from './types.ts';

const outcome = (check: CheckResult): CheckOutcome => ({
  name: check.name,
  passed: check.passed,
  summary: check.summary,
});

/** The number the evidence names: one of the check's evidence counts, or one of its figures (absent: 0). */
function evidenceValue(check: CheckResult, evidence: DefectEvidence): number {
  const value = evidence.count !== undefined ? check.evidence.counts[evidence.count] : check.figures[evidence.figure];
  return value ?? 0;
}

/** 'counts["500"] = 0, expected ≥ 1' */
function describeShortfall(check: CheckResult, evidence: DefectEvidence): string {
  const key =
    evidence.count !== undefined
      ? `counts[${JSON.stringify(evidence.count)}]`
      : `figures[${JSON.stringify(evidence.figure)}]`;
  return `${key} = ${evidenceValue(check, evidence)}, expected ≥ ${evidence.atLeast ?? 1}`;
}

export function judgeHealthy(result: ScenarioRunResult): HealthyResult {
  const judged: HealthyResult = {
    scenario: result.name,
    status: result.status,
    failedChecks: result.checks.filter((check) => !check.passed).map(outcome),
    seed: result.seed,
    durationMs: result.durationMs,
  };
  if (result.reason !== undefined) judged.reason = result.reason;
  return judged;
}

export function judgeCell(defect: DefectName, expectation: Expectation, result: ScenarioRunResult): CellResult {
  const byName = new Map(result.checks.map((check) => [check.name, check]));
  const pick = (names: readonly string[]): CheckOutcome[] =>
    names.map((name) => {
      const check = byName.get(name);
      return check === undefined ? { name, passed: true, summary: 'not evaluated' } : outcome(check);
    });
  const mustFail = pick(expectation.mustFail);
  const mustPass = pick(expectation.mustPass);
  const base = {
    defect,
    scenario: expectation.scenario,
    why: expectation.why,
    mustFail,
    mustPass,
    failedChecks: result.checks.filter((check) => !check.passed).map((check) => check.name),
    seed: result.seed,
    durationMs: result.durationMs,
  };
  const verdict = (verdict: CellVerdict, explanation: string): CellResult => ({ ...base, verdict, explanation });

  if (result.status === 'skipped')
    return verdict('skipped', `skipped: ${result.reason ?? 'the environment cannot run it'}`);
  if (result.status === 'error' || result.status === 'not-proven')
    return verdict('error', `the run failed, not a verdict: ${result.reason ?? 'unknown error'}`);
  const notEvaluated = [...expectation.mustFail, ...expectation.mustPass].filter((name) => !byName.has(name));
  if (notEvaluated.length > 0)
    return verdict(
      'error',
      `the scenario does not evaluate ${notEvaluated.join(', ')} (the matrix names a check it does not run)`,
    );

  const held = mustFail.filter((check) => check.passed);
  if (held.length > 0)
    return verdict('missed', `missed: ${held.map((check) => check.name).join(', ')} passed with the defect on`);
  const broke = mustPass.filter((check) => !check.passed);
  if (broke.length > 0)
    return verdict(
      'wrong-reason',
      `failed for another reason: ${broke.map((check) => `${check.name} (${check.summary})`).join('; ')}`,
    );
  const evidence = expectation.evidence;
  if (evidence !== undefined) {
    // Present: notEvaluated above covers every named check, and the evidence's is one of mustFail.
    const check = byName.get(evidence.check) as CheckResult;
    if (evidenceValue(check, evidence) < (evidence.atLeast ?? 1))
      return verdict(
        'wrong-reason',
        `${evidence.check} failed without the evidence that ${evidence.says} (${describeShortfall(check, evidence)}; ${check.summary})`,
      );
    return verdict('caught', `caught by ${expectation.mustFail.join(', ')}: ${evidence.says}`);
  }
  return verdict('caught', `caught by ${expectation.mustFail.join(', ')}`);
}

/**
 * A defect is caught when every scenario declared for it caught it; missed when one missed it (or
 * caught it for another reason); otherwise not proven: a cell that could not run proves nothing,
 * so it never counts as caught.
 */
export function summarizeDefect(defect: DefectName, cells: readonly CellResult[]): DefectSummary {
  const verdicts = cells.filter((cell) => cell.defect === defect).map((cell) => cell.verdict);
  const verdict: DefectVerdict = verdicts.some((cell) => cell === 'missed' || cell === 'wrong-reason')
    ? 'missed'
    : verdicts.length > 0 && verdicts.every((cell) => cell === 'caught')
      ? 'caught'
      : 'not-proven';
  return { defect, verdict, caught: verdict === 'caught', cells: verdicts };
}

/** Which checks some caught cell showed failing (the proof that a check can fail), and which none did. */
export function checkCoverage(
  cells: readonly CellResult[],
  /** The target's own checks, judged beside the built-in ones. */
  targetChecks: readonly string[] = [],
): { shown: string[]; never: string[] } {
  const shown = new Set(
    cells.filter((cell) => cell.verdict === 'caught').flatMap((cell) => cell.mustFail.map((check) => check.name)),
  );
  const all = [...CHECK_NAMES, ...targetChecks];
  return { shown: all.filter((name) => shown.has(name)), never: all.filter((name) => !shown.has(name)) };
}

/**
 * The matrix's verdict: failed when the healthy app failed a scenario or a defect was missed (a
 * verdict wins over what could not run); otherwise not proven when a healthy run or a cell did not
 * run (skipped, errored, or never started: `planned` counts what should have run); else passed.
 */
export function matrixVerdict(
  healthy: readonly HealthyResult[],
  cells: readonly CellResult[],
  summary: readonly DefectSummary[],
  planned: { healthy: number; cells: number },
): { verdict: MatrixVerdict; notProven: string[] } {
  const notProven = [
    ...healthy
      .filter((result) => result.status === 'skipped' || result.status === 'error' || result.status === 'not-proven')
      .map((result) => `healthy × ${result.scenario}: ${result.reason ?? result.status}`),
    ...cells
      .filter((cell) => cell.verdict === 'skipped' || cell.verdict === 'error')
      .map((cell) => `${cell.defect} × ${cell.scenario}: ${cell.explanation}`),
  ];
  if (healthy.length < planned.healthy || cells.length < planned.cells)
    notProven.push(
      `${planned.healthy - healthy.length} healthy run(s) and ${planned.cells - cells.length} cell(s) did not run`,
    );
  const failed =
    healthy.some((result) => result.status === 'failed') || summary.some((defect) => defect.verdict === 'missed');
  return { verdict: failed ? 'failed' : notProven.length > 0 ? 'not-proven' : 'passed', notProven };
}

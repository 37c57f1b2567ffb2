// The exit code of a finished `faultline run`, from its gated result: the runner owns it, the
// reporters only render. A proven failure outranks what could not be proven elsewhere in the run.
import { outcomeOf, runPassed } from '../report/verdict.ts';
import type { RunResult } from '../runner/types.ts';
import { ExitCode } from './exit-codes.ts';

export function runExitCode(run: RunResult, options: { interrupted: boolean }): ExitCode {
  if (options.interrupted) return ExitCode.Interrupted;
  if (run.preflight !== undefined && !run.preflight.passed) return ExitCode.NotProven;
  if (run.scenarios.some((scenario) => outcomeOf(scenario) === 'failed')) return ExitCode.ChecksFailed;
  if (run.scenarios.some((scenario) => scenario.status === 'error' && scenario.errorKind === 'harness'))
    return ExitCode.HarnessFailed;
  // Not proven: the environment or preflight failed, or a fault never met a serving app — no verdict either way.
  if (run.scenarios.some((scenario) => scenario.status === 'error' || scenario.status === 'not-proven'))
    return ExitCode.NotProven;
  return runPassed(run) ? ExitCode.Ok : ExitCode.ChecksFailed;
}

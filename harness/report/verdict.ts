// The run's verdict in one place: what counts as a pass, and the one line a release manager reads.
import type { RunResult } from '../runner/types.ts';

export function runPassed(result: RunResult): boolean {
  return result.scenarios.every((scenario) => scenario.status === 'passed' || scenario.status === 'skipped');
}

export function runErrored(result: RunResult): boolean {
  return result.scenarios.some((scenario) => scenario.status === 'error');
}

export function verdictLine(result: RunResult): string {
  const count = (status: string): number => result.scenarios.filter((scenario) => scenario.status === status).length;
  const failedChecks = result.scenarios.flatMap((scenario) => scenario.checks.filter((check) => !check.passed).map((check) => `${scenario.name}/${check.name}`));
  const tally = `${count('passed')} passed, ${count('failed')} failed${count('skipped') > 0 ? `, ${count('skipped')} skipped` : ''}${count('error') > 0 ? `, ${count('error')} errored` : ''}`;
  if (runErrored(result)) return `NOT PROVEN — the environment failed for ${count('error')} scenario(s); ${tally} (seed ${result.seed})`;
  if (!runPassed(result)) return `DO NOT RELEASE — ${failedChecks.length} check(s) failed: ${failedChecks.slice(0, 5).join(', ')}${failedChecks.length > 5 ? ', …' : ''}; ${tally} (seed ${result.seed})`;
  return `RELEASE OK — every check held; ${tally} (seed ${result.seed})`;
}

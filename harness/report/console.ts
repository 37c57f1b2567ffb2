// The console summary: scenario × check, pass/fail (or warn, for an advisory failure), each check's
// key figure, and what a retry hid: a scenario that passed on a retry is printed as FLAKY.
import { isUnproven } from '../checks/result.ts';
import type { CheckResult } from '../checks/types.ts';
import type { GatedScenarioResult, GateOutcome } from './gating/types.ts';
import { preflightLines } from './preflight-text.ts';
import type { Reporter } from './types.ts';
import { outcomeOf, verdictLine } from './verdict.ts';

const useColor = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
const paint = (code: number, text: string): string => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
const MARK: Record<GateOutcome, string> = {
  passed: paint(32, 'PASS '),
  flaky: paint(33, 'FLAKY'),
  warned: paint(33, 'WARN '),
  failed: paint(31, 'FAIL '),
  skipped: paint(33, 'SKIP '),
  error: paint(35, 'ERR  '),
  'not-proven': paint(35, 'NOTPR'),
};
const CHECK_MARK = {
  passed: paint(32, 'PASS'),
  blocking: paint(31, 'FAIL'),
  advisory: paint(33, 'WARN'),
  unproven: paint(35, 'NONE'),
};

/** The one number worth seeing next to a verdict. */
export function keyFigure(check: CheckResult): string {
  const f = check.figures;
  const pick = (key: string, unit = ''): string | undefined =>
    f[key] === undefined ? undefined : `${key} ${f[key]}${unit}`;
  return (
    pick('maxRecoveryMs', ' ms') ??
    pick('readyAfterDbMs', ' ms') ??
    pick('missing') ??
    pick('other5xx') ??
    pick('offending') ??
    pick('unexpectedExits') ??
    pick('maxLagMs', ' ms') ??
    Object.entries(f)
      .slice(0, 1)
      .map(([key, value]) => `${key} ${value}`)[0] ??
    ''
  );
}

export function formatScenario(result: GatedScenarioResult): string {
  const outcome = outcomeOf(result);
  const attempts = result.gate !== undefined && result.gate.attempts > 1 ? `, ${result.gate.attempts} attempts` : '';
  const lines = [
    `${MARK[outcome]} ${result.name}  (${(result.durationMs / 1_000).toFixed(1)} s, seed ${result.seed}${attempts})`,
  ];
  if (result.reason !== undefined) lines.push(`       ${result.reason}`);
  for (const earlier of result.gate?.retried ?? []) {
    lines.push(
      `       attempt ${earlier.attempt} failed: ${earlier.failedChecks.map((check) => check.name).join(', ') || earlier.status}`,
    );
  }
  const width = Math.max(0, ...result.checks.map((check) => check.name.length));
  for (const check of result.checks) {
    const mark = check.passed
      ? CHECK_MARK.passed
      : isUnproven(check)
        ? CHECK_MARK.unproven
        : CHECK_MARK[result.gate?.roles[check.name] ?? 'blocking'];
    lines.push(
      `       ${mark}  ${check.name.padEnd(width)}  ${keyFigure(check).padEnd(28)} ${check.passed ? '' : check.summary}`,
    );
  }
  return lines.join('\n');
}

export const consoleReporter: Reporter = {
  name: 'console',
  onRunStart(_context, plan) {
    const policy = plan.policy === undefined ? '' : ` · gating policy ${plan.policy}`;
    console.log(
      `faultline run ${plan.runId} · seed ${plan.seed}${policy} · ${plan.scenarios.length} scenario(s): ${plan.scenarios.join(', ')}`,
    );
  },
  onScenarioEnd(_context, result) {
    console.log(formatScenario(result));
  },
  onRunEnd(_context, result) {
    // A failed preflight is the whole story of the run: the app's own words, before the verdict.
    if (result.preflight !== undefined && !result.preflight.passed)
      console.log(`\n${preflightLines(result.preflight).join('\n')}`);
    console.log(`\n${verdictLine(result)}`);
  },
};

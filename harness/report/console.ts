// The console summary: scenario × check, pass/fail, and each check's key figure.
import type { CheckResult } from '../checks/types.ts';
import type { RunResult, ScenarioRunResult } from '../runner/types.ts';
import type { Reporter } from './types.ts';
import { verdictLine } from './verdict.ts';

const useColor = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
const paint = (code: number, text: string): string => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
const MARK = { passed: paint(32, 'PASS'), failed: paint(31, 'FAIL'), skipped: paint(33, 'SKIP'), error: paint(35, 'ERR ') };

/** The one number worth seeing next to a verdict. */
export function keyFigure(check: CheckResult): string {
  const f = check.figures;
  const pick = (key: string, unit = ''): string | undefined => (f[key] === undefined ? undefined : `${key} ${f[key]}${unit}`);
  return (
    pick('maxRecoveryMs', ' ms') ??
    pick('readyAfterDbMs', ' ms') ??
    pick('missing') ??
    pick('other5xx') ??
    pick('offending') ??
    pick('unexpectedExits') ??
    pick('maxLagMs', ' ms') ??
    Object.entries(f).slice(0, 1).map(([key, value]) => `${key} ${value}`)[0] ??
    ''
  );
}

export function formatScenario(result: ScenarioRunResult): string {
  const lines = [`${MARK[result.status]} ${result.name}  (${(result.durationMs / 1_000).toFixed(1)} s, seed ${result.seed})`];
  if (result.reason !== undefined) lines.push(`      ${result.reason}`);
  const width = Math.max(0, ...result.checks.map((check) => check.name.length));
  for (const check of result.checks) {
    lines.push(`      ${check.passed ? MARK.passed : MARK.failed}  ${check.name.padEnd(width)}  ${keyFigure(check).padEnd(28)} ${check.passed ? '' : check.summary}`);
  }
  return lines.join('\n');
}

export const consoleReporter: Reporter = {
  name: 'console',
  onRunStart(_context, plan) {
    console.log(`faultline run ${plan.runId} · seed ${plan.seed} · ${plan.scenarios.length} scenario(s): ${plan.scenarios.join(', ')}`);
  },
  onScenarioEnd(_context, result) {
    console.log(formatScenario(result));
  },
  onRunEnd(_context, result: RunResult) {
    console.log(`\n${verdictLine(result)}`);
  },
};

// vitest matchers over a scenario result. On failure they print what a reader needs without opening
// a report: each failed check, its summary, figures and counts, and the first offending requests,
// probes or log lines. A gated result's advisory failures do not fail `toPassChecks` (as in the CLI).
import { inspect } from 'node:util';
import type { CheckResult } from '../checks/types.ts';
import { checkText } from '../report/evidence-text.ts';
import type { GatedScenarioResult } from '../report/gating/types.ts';
import type { ScenarioRunResult } from '../runner/types.ts';

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function isScenarioResult(value: unknown): value is GatedScenarioResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as ScenarioRunResult).checks) &&
    typeof (value as ScenarioRunResult).status === 'string'
  );
}

const indent = (lines: string[], by = '    '): string => lines.map((line) => `${by}${line}`).join('\n');

function describeFailure(check: CheckResult, role: string): string {
  const [summary = '', ...rest] = checkText(check);
  return `  ✗ ${check.name}${role === 'advisory' ? ' (advisory)' : ''} — ${summary}${rest.length > 0 ? `\n${indent(rest)}` : ''}`;
}

function notAResult(received: unknown): MatcherResult {
  return {
    pass: false,
    message: () =>
      `expected a scenario result from runScenario(), got ${typeof received === 'object' ? JSON.stringify(received)?.slice(0, 120) : inspect(received)}`,
  };
}

const header = (result: ScenarioRunResult): string =>
  `scenario ${result.name} (seed ${result.seed}, ${result.environment.kind} environment)`;

export function toPassChecks(received: unknown): MatcherResult {
  if (!isScenarioResult(received)) return notAResult(received);
  const result = received;
  if (result.status === 'skipped' || result.status === 'error') {
    return {
      pass: false,
      message: () =>
        `${header(result)} did not run to a verdict: ${result.status}${result.reason === undefined ? '' : ` — ${result.reason}`}`,
    };
  }
  const role = (check: CheckResult): string => result.gate?.roles[check.name] ?? 'blocking';
  const failed = result.checks.filter((check) => !check.passed);
  const blocking = failed.filter((check) => role(check) === 'blocking');
  const advisory = failed.filter((check) => role(check) === 'advisory');
  return {
    pass: blocking.length === 0,
    message: () =>
      blocking.length === 0
        ? `expected ${header(result)} to fail a check, but all ${result.checks.length} held${advisory.length > 0 ? ` (advisory failures: ${advisory.map((check) => check.name).join(', ')})` : ''}`
        : [
            `expected ${header(result)} to pass every check; ${blocking.length} of ${result.checks.length} failed:`,
            '',
            ...failed.map((check) => describeFailure(check, role(check))),
            '',
            `Re-run with seed ${result.seed} to get the same requests.`,
          ].join('\n'),
  };
}

export function toPassCheck(received: unknown, name: string): MatcherResult {
  if (!isScenarioResult(received)) return notAResult(received);
  const check = received.checks.find((candidate) => candidate.name === name);
  if (check === undefined) {
    return {
      pass: false,
      message: () =>
        `${header(received)} has no check "${name}"; it has: ${received.checks.map((candidate) => candidate.name).join(', ') || 'none'} (status ${received.status})`,
    };
  }
  return {
    pass: check.passed,
    message: () =>
      check.passed
        ? `expected check ${name} of ${header(received)} to fail, but it held: ${check.summary}`
        : `expected check ${name} of ${header(received)} to pass:\n\n${describeFailure(check, received.gate?.roles[name] ?? 'blocking')}`,
  };
}

export const faultlineMatchers = { toPassChecks, toPassCheck };

// Applies a gating policy to a scenario's result: appends its thresholds as checks, gives every
// check a role (blocking or advisory), and decides the scenario's outcome — including "flaky" when
// it failed and then passed on a retry, so a retry never turns a result silently green.
import { isUnproven, unprovenReason } from '../../checks/result.ts';
import type { CheckResult } from '../../checks/types.ts';
import type { RunResult, ScenarioRunResult } from '../../runner/types.ts';
import { evaluateThresholds } from './thresholds.ts';
import type {
  CheckRole,
  FailedAttempt,
  GatedRunResult,
  GatedScenarioResult,
  GateOutcome,
  GatingPolicy,
  ScenarioGate,
} from './types.ts';

export function roleOf(policy: GatingPolicy, scenario: string, check: string): CheckRole {
  return policy.advisory.includes(check) || policy.advisory.includes(`${scenario}/${check}`) ? 'advisory' : 'blocking';
}

export interface GateOptions {
  /** The scenario's grace period (phase 'grace'), for thresholds filtered by phase. */
  graceMs: number;
  /** Earlier attempts of this scenario, each with a blocking failure. */
  retried?: FailedAttempt[];
}

export function gateScenario(
  result: ScenarioRunResult,
  policy: GatingPolicy,
  options: GateOptions,
): GatedScenarioResult {
  const retried = options.retried ?? [];
  const judged = result.status === 'passed' || result.status === 'failed';
  const thresholds =
    judged && result.timeline !== null
      ? evaluateThresholds(policy, result.timeline, { scenario: result.name, graceMs: options.graceMs })
      : [];
  const checks: CheckResult[] = [...result.checks, ...thresholds.map((threshold) => threshold.result)];
  const roles: Record<string, CheckRole> = {};
  for (const check of result.checks) roles[check.name] = roleOf(policy, result.name, check.name);
  for (const threshold of thresholds)
    roles[threshold.result.name] =
      threshold.role === 'advisory' ? 'advisory' : roleOf(policy, result.name, threshold.result.name);
  const failed = checks.filter((check) => !check.passed);
  // A blocking check that found nothing to judge proves nothing: the scenario is not proven, unless
  // a blocking check failed on evidence.
  const blockingFailed = failed.filter((check) => roles[check.name] === 'blocking');
  const blocking = blockingFailed.filter((check) => !isUnproven(check)).map((check) => check.name);
  const unproven = blockingFailed.filter(isUnproven);
  const advisory = failed.filter((check) => roles[check.name] === 'advisory').map((check) => check.name);
  const status = !judged
    ? result.status
    : blocking.length === 0 && unproven.length > 0
      ? 'not-proven'
      : failed.length > 0
        ? 'failed'
        : 'passed';
  const reason = judged && status === 'not-proven' ? { reason: unprovenReason(unproven) } : {};
  const outcome: GateOutcome =
    status === 'skipped' || status === 'error' || status === 'not-proven'
      ? status
      : blocking.length > 0
        ? 'failed'
        : retried.length > 0
          ? 'flaky'
          : advisory.length > 0
            ? 'warned'
            : 'passed';
  const gate: ScenarioGate = {
    policy: policy.name,
    outcome,
    attempts: retried.length + 1,
    retried,
    blocking,
    advisory,
    roles,
  };
  return { ...result, ...reason, status, checks, gate };
}

/** The failed attempt as kept in the report when the scenario is retried. */
export function failedAttempt(result: GatedScenarioResult, attempt: number): FailedAttempt {
  return {
    attempt,
    status: result.status,
    durationMs: result.durationMs,
    failedChecks: result.checks.filter((check) => !check.passed),
  };
}

/** True when the policy allows another attempt of this result (failed, or not proven). */
export function shouldRetry(result: GatedScenarioResult, policy: GatingPolicy): boolean {
  // A run that proved nothing (the app was still booting when its fault came) is worth another try.
  const outcome = result.gate?.outcome;
  return (outcome === 'failed' || outcome === 'not-proven') && (result.gate?.attempts ?? 1) <= policy.retries;
}

export function policySummary(policy: GatingPolicy): NonNullable<GatedRunResult['policy']> {
  return {
    name: policy.name,
    description: policy.description,
    retries: policy.retries,
    advisory: policy.advisory,
    thresholds: policy.thresholds.map((threshold) => ({
      key: threshold.key,
      expressions: threshold.expressions.map(({ expression, role }) =>
        role === 'advisory' ? `${expression.source} (advisory)` : expression.source,
      ),
    })),
  };
}

/** Gates a whole run after the fact (no retries): for results read back from report.json, and tests. */
export function gateRun(
  run: RunResult,
  policy: GatingPolicy,
  graceMs: (scenario: string) => number = () => 5_000,
): GatedRunResult {
  return {
    ...run,
    scenarios: run.scenarios.map((scenario) => gateScenario(scenario, policy, { graceMs: graceMs(scenario.name) })),
    policy: policySummary(policy),
  };
}

// The gating contract: which failures stop a release, extra k6-syntax thresholds over the recorded
// timeline, and how many times a failed scenario may be re-run before its failure counts. A policy
// is data, validated once (schema.ts); the runner applies it after each scenario (gate.ts) and the
// reporters render the outcome. Type-only.
import type { Threshold } from '../../checks/threshold.ts';
import type { CheckResult } from '../../checks/types.ts';
import type { RunResult, ScenarioRunResult, ScenarioStatus } from '../../runner/types.ts';

/** A blocking failure stops the release; an advisory one is reported and lets it through. */
export type CheckRole = 'blocking' | 'advisory';

/** The timeline metrics a gating threshold may name, with k6's names and meanings. */
export type MetricName = 'http_req_duration' | 'http_req_failed' | 'http_reqs';

/** Tags a metric may be filtered by, as in k6's `http_req_duration{phase:steady,kind:write}`. */
export type MetricTag = 'scenario' | 'phase' | 'kind' | 'template' | 'name' | 'method' | 'status';

/** A threshold expression: k6's aggregates, plus `rate` for the rate and counter metrics. */
export type GateExpression =
  Threshold | { source: string; aggregate: 'rate'; operator: Threshold['operator']; value: number };

export interface GatingThreshold {
  /** The metric key exactly as written, e.g. 'http_req_duration{phase:steady}'. */
  key: string;
  metric: MetricName;
  tags: Partial<Record<MetricTag, string>>;
  expressions: { expression: GateExpression; role: CheckRole }[];
}

export interface GatingPolicy {
  name: string;
  description: string;
  /** Failures that only warn: a check name ('latency'), 'scenario/check', or a threshold's check name. */
  advisory: string[];
  thresholds: GatingThreshold[];
  /** A failed scenario is re-run up to this many times; passing on a retry is reported as flaky. */
  retries: number;
}

/** An earlier attempt of a scenario that was retried: what failed in it. */
export interface FailedAttempt {
  attempt: number;
  status: ScenarioStatus;
  durationMs: number;
  failedChecks: CheckResult[];
}

/**
 * How a scenario stands against the policy: passed, flaky (failed, then passed on a retry),
 * warned (only advisory failures), failed (a blocking failure on every attempt), skipped, error.
 */
export type GateOutcome = 'passed' | 'flaky' | 'warned' | 'failed' | 'skipped' | 'error' | 'not-proven';

export interface ScenarioGate {
  policy: string;
  outcome: GateOutcome;
  /** How many times it ran (1 when it was not retried). */
  attempts: number;
  /** Attempts before the last one, each of which had a blocking failure. */
  retried: FailedAttempt[];
  /** Names of the failed blocking checks of the last attempt. */
  blocking: string[];
  /** Names of the failed advisory checks of the last attempt. */
  advisory: string[];
  /** Every check of the last attempt (thresholds included) by name. */
  roles: Record<string, CheckRole>;
}

/** A scenario's result as the reporters see it: the last attempt, its gating thresholds appended to checks. */
export interface GatedScenarioResult extends ScenarioRunResult {
  gate?: ScenarioGate;
}

export interface GatedRunResult extends RunResult {
  scenarios: GatedScenarioResult[];
  /** The policy the run was gated by (absent for a result that was never gated). */
  policy?: {
    name: string;
    description: string;
    retries: number;
    advisory: string[];
    thresholds: { key: string; expressions: string[] }[];
  };
}

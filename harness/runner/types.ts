// What a run produces: one result per scenario, the verdict, and what the reporters render.
import type { CheckResult } from '../checks/types.ts';
import type { EnvironmentCapabilities, EnvironmentKind } from '../environment/types.ts';
import type { Timeline } from '../timeline/types.ts';

/**
 * 'not-proven': the run did not try what the scenario is about (the app never came ready, so the
 * faults counted from readiness never met a serving app): neither a pass nor a verdict on the app.
 */
export type ScenarioStatus = 'passed' | 'failed' | 'skipped' | 'error' | 'not-proven';

export interface ScenarioRunResult {
  name: string;
  description: string;
  file: string | undefined;
  status: ScenarioStatus;
  /** Why it was skipped (a missing capability), errored (the environment failed) or is not proven. */
  reason?: string;
  seed: number;
  startedAt: string;
  durationMs: number;
  environment: { kind: EnvironmentKind; capabilities: EnvironmentCapabilities | null };
  checks: CheckResult[];
  timeline: Timeline | null;
  loadEngine: string | null;
}

export interface RunResult {
  runId: string;
  seed: number;
  startedAt: string;
  durationMs: number;
  scenarios: ScenarioRunResult[];
}

// What a run produces: one result per scenario, the verdict, and what the reporters render.
import type { CheckResult } from '../checks/types.ts';
import type { EnvironmentCapabilities, EnvironmentKind } from '../environment/types.ts';
import type { Timeline } from '../timeline/types.ts';

export type ScenarioStatus = 'passed' | 'failed' | 'skipped' | 'error';

export interface ScenarioRunResult {
  name: string;
  description: string;
  file: string | undefined;
  status: ScenarioStatus;
  /** Why it was skipped (a missing capability) or why it errored (the environment failed). */
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

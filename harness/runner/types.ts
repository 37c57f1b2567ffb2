// What a run produces: one result per scenario, the verdict, and what the reporters render.
import type { CheckResult } from '../checks/types.ts';
import type { EnvironmentCapabilities, EnvironmentKind } from '../environment/types.ts';
import type { Timeline } from '../timeline/types.ts';

/**
 * 'not-proven': the run did not try what the scenario is about (the app never came ready, so the
 * faults counted from readiness never met a serving app): neither a pass nor a verdict on the app.
 */
export type ScenarioStatus = 'passed' | 'failed' | 'skipped' | 'error' | 'not-proven';

/**
 * Why a scenario ended without a verdict: its environment did not start, the app never became
 * healthy in preflight, the harness itself failed mid-run (a fault or the load engine), or Ctrl-C.
 */
export type ScenarioErrorKind = 'environment' | 'preflight' | 'harness' | 'interrupted';

export interface ScenarioRunResult {
  name: string;
  description: string;
  file: string | undefined;
  status: ScenarioStatus;
  /** Why it was skipped (a missing capability), errored (the environment failed) or is not proven. */
  reason?: string;
  /** For status 'error': what failed (an older result without it: the environment). */
  errorKind?: ScenarioErrorKind;
  seed: number;
  startedAt: string;
  durationMs: number;
  environment: { kind: EnvironmentKind; capabilities: EnvironmentCapabilities | null };
  checks: CheckResult[];
  timeline: Timeline | null;
  loadEngine: string | null;
}

/** One line the app wrote, as preflight kept it. */
export interface AppOutputLine {
  stream: 'stdout' | 'stderr';
  line: string;
}

/**
 * The app booted once before the suite, every dependency healthy and no fault: did it become
 * healthy? If not, nothing the scenarios could say would be about resilience (NOT PROVEN).
 */
export interface PreflightResult {
  passed: boolean;
  /** The whole preflight: environment up, app healthy (or not), environment down. */
  durationMs: number;
  /** From the app's start to its first healthy answer. */
  healthyAfterMs?: number;
  /** How long the app was given to become healthy (from its settings, plus slack). */
  budgetMs?: number;
  /** Why it failed, in one line. */
  reason?: string;
  /** How the app was started, when the harness started it. */
  command?: string;
  /** The run's own app environment (e.g. the target's defects switch), which preflight used too. */
  appEnv: Record<string, string>;
  /** The app's exit, when it exited during preflight. */
  exit?: { code: number | null; signal: string | null };
  /** The app's last output lines (both streams, in order). */
  output: AppOutputLine[];
}

export interface RunResult {
  runId: string;
  seed: number;
  startedAt: string;
  durationMs: number;
  scenarios: ScenarioRunResult[];
  /** The app's boot before the suite; absent when the run had none. */
  preflight?: PreflightResult;
}

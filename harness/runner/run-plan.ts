// One way to run scenarios, whoever asks (`faultline run`, the runScenario API, each step of
// `faultline matrix`): boot the app once (preflight) unless nothing could run here, then each
// scenario, retried as the gating policy allows and gated by it. Callers are told as it goes (their
// reporters and progress lines hang on the hooks); the retries, the attempts' run ids and the gate
// live here only.
import { InterruptedError } from '../cli/exit-codes.ts';
import { failedAttempt, gateScenario, shouldRetry } from '../report/gating/gate.ts';
import type { FailedAttempt, GatedScenarioResult, GatingPolicy } from '../report/gating/types.ts';
import { preflightLines } from '../report/preflight-text.ts';
import type { Scenario } from '../scenario/types.ts';
import { expectedCapabilities, missingCapabilityReason, type EnvironmentChoice } from './environment-factory.ts';
import { runPreflight } from './preflight.ts';
import { requestsOfScenarios } from './preflight-target.ts';
import { runScenario } from './run-scenario.ts';
import type { PreflightResult, ScenarioRunResult } from './types.ts';

/** What a plan tells its caller, in this order. */
export interface RunPlanHooks {
  preflightStart?: () => void;
  preflightProgress?: (message: string) => void;
  preflight?: (result: PreflightResult) => void;
  attemptStart?: (scenario: Scenario, attempt: number) => void;
  /** Each scenario's gated result, retries included; an interrupted one is not told. */
  scenarioEnd?: (result: GatedScenarioResult) => void | Promise<void>;
}

export interface RunPlan {
  runId: string;
  seed: number;
  scenarios: readonly Scenario[];
  environment: EnvironmentChoice;
  loadEngine: 'builtin' | 'k6';
  /** The app's environment for every run (the defects switch, --app-env). */
  appEnv: Record<string, string>;
  /** Which checks block, the thresholds, and how many retries a failed scenario gets. */
  policy: GatingPolicy;
  /** Boot the app once first, every dependency healthy (default true). */
  preflight?: boolean;
  /** Each scenario's live progress on stderr (default true). */
  progress?: boolean;
  signal?: AbortSignal;
  on?: RunPlanHooks;
}

export interface PlanOutcome {
  /** Absent when it did not run: turned off, nothing could run here, or interrupted. */
  preflight?: PreflightResult;
  /** One per scenario that came to an end, in order; none when the app failed its preflight. */
  results: GatedScenarioResult[];
}

export async function runPlan(plan: RunPlan): Promise<PlanOutcome> {
  const { environment, signal, on } = plan;
  const results: GatedScenarioResult[] = [];
  let preflight: PreflightResult | undefined;
  try {
    const capabilities = expectedCapabilities(environment);
    const runnable = plan.scenarios.filter(
      (scenario) =>
        missingCapabilityReason(scenario.needs, capabilities, environment.kind, scenario.app.instances) === undefined,
    );
    if (plan.preflight !== false && runnable.length > 0) {
      on?.preflightStart?.();
      preflight = await runPreflight(environment, {
        seed: plan.seed,
        appEnv: plan.appEnv,
        // Every request the runs will load is built once against the healthy app first.
        requests: requestsOfScenarios(environment.target, runnable),
        signal,
        onProgress: on?.preflightProgress,
      });
      on?.preflight?.(preflight);
    }
    for (const scenario of preflight?.passed === false ? [] : plan.scenarios) {
      if (signal?.aborted) break;
      // A failed scenario runs again while the policy allows; the earlier attempts stay in the
      // result, and a pass on a retry is "flaky", never a plain pass.
      const retried: FailedAttempt[] = [];
      let result: GatedScenarioResult;
      for (;;) {
        const attempt = retried.length + 1;
        on?.attemptStart?.(scenario, attempt);
        // A retry gets its own run id, so its writes' client keys never replay the first attempt's
        // (which matters where the database outlives the attempt: --env external).
        const raw = await runScenario(scenario, {
          runId: attempt === 1 ? plan.runId : `${plan.runId}-retry${attempt - 1}`,
          seed: plan.seed,
          environment,
          loadEngine: plan.loadEngine,
          appEnv: plan.appEnv,
          progress: plan.progress,
          signal,
        });
        result = gateScenario(raw, plan.policy, { graceMs: scenario.graceMs, retried: [...retried] });
        if (signal?.aborted || !shouldRetry(result, plan.policy)) break;
        retried.push(failedAttempt(result, attempt));
      }
      // An interrupted scenario has no verdict to report.
      if (signal?.aborted && result.errorKind === 'interrupted') break;
      results.push(result);
      await on?.scenarioEnd?.(result);
    }
  } catch (error) {
    // Ctrl-C during preflight: nothing ran, and the caller says so.
    if (!(error instanceof InterruptedError)) throw error;
  }
  return preflight === undefined ? { results } : { preflight, results };
}

/**
 * A scenario that never ran because the app did not boot in preflight (or the run was interrupted
 * first): an error, never a verdict on the scenario's checks.
 */
export function notRun(
  scenario: Scenario,
  preflight: PreflightResult | undefined,
  context: { seed: number; environment: EnvironmentChoice['kind']; startedAt: Date },
): ScenarioRunResult {
  return {
    name: scenario.name,
    description: scenario.description,
    file: scenario.file,
    status: 'error',
    errorKind: preflight === undefined ? 'interrupted' : 'preflight',
    reason: preflight === undefined ? 'interrupted' : preflightLines(preflight).join('\n'),
    seed: scenario.seed ?? context.seed,
    startedAt: context.startedAt.toISOString(),
    durationMs: Date.now() - context.startedAt.getTime(),
    environment: { kind: context.environment, capabilities: null },
    checks: [],
    timeline: null,
    loadEngine: null,
  };
}

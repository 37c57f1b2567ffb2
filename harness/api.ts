// runScenario for code that is not the CLI (a vitest test, a script): one scenario, on the embedded
// environment unless told otherwise, gated by a policy (every check blocks by default), no progress
// output — run as `faultline run` runs it (runner/run-plan.ts). The result is what the reporters
// render; `expect(result).toPassChecks()` reads it.
import { randomSeed } from './lib/random.ts';
import { gateScenario } from './report/gating/gate.ts';
import { DEFAULT_POLICY } from './report/gating/policies.ts';
import type { GatedScenarioResult, GatingPolicy } from './report/gating/types.ts';
import type { EnvironmentChoice } from './runner/environment-factory.ts';
import { notRun, runPlan } from './runner/run-plan.ts';
import type { Scenario } from './scenario/types.ts';
import { defectsEnv } from './cli/flags.ts';
import { assertScenariosFit } from './target/fit.ts';
import { newRunId } from './runner/run-id.ts';
import { loadTarget } from './target/load-target.ts';
import type { Target } from './target/types.ts';

export interface RunScenarioOptions {
  /** The run's seed (printed in every report); random when omitted, unless the scenario fixes one. */
  seed?: number;
  /** The app under test (default: the faultline.config.* of the working folder). */
  target?: Target;
  /** 'embedded' (default), 'containers' (needs Docker), or a full choice for 'external'. */
  environment?: EnvironmentChoice['kind'] | Omit<EnvironmentChoice, 'target'>;
  /** 'builtin' (default) or 'k6' (needs k6 on PATH). */
  loadEngine?: 'builtin' | 'k6';
  /** The target's defects to switch on (its `defects.env`), to prove a check can fail. */
  defects?: string[];
  /** Extra environment for the app. */
  appEnv?: Record<string, string>;
  /** Blocking vs advisory checks, extra thresholds and retries; default: every check blocks, no retry. */
  policy?: GatingPolicy;
  /** Live progress on stderr (default false). */
  progress?: boolean;
  /**
   * Boot the app once first, every dependency healthy and no fault (default true): an app that does
   * not become healthy then ends the scenario as an error saying what the app printed, not as
   * failed checks. False saves one environment start where a test has already proven the app boots.
   */
  preflight?: boolean;
  signal?: AbortSignal;
}

export async function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): Promise<GatedScenarioResult> {
  const seed = options.seed ?? randomSeed();
  const target = options.target ?? (await loadTarget());
  assertScenariosFit(target, [scenario]);
  const environment: EnvironmentChoice =
    typeof options.environment === 'object'
      ? { ...options.environment, target }
      : { kind: options.environment ?? 'embedded', target };
  const appEnv = {
    ...options.appEnv,
    ...(options.defects === undefined || options.defects.length === 0
      ? {}
      : defectsEnv(target, options.defects.join(','))),
  };
  const startedAt = new Date();
  const policy = options.policy ?? DEFAULT_POLICY;
  const { preflight, results } = await runPlan({
    runId: newRunId(seed, scenario.name),
    seed,
    scenarios: [scenario],
    environment,
    loadEngine: options.loadEngine ?? 'builtin',
    appEnv,
    policy,
    preflight: options.preflight,
    progress: options.progress ?? false,
    signal: options.signal,
  });
  // No result: the app never booted in preflight, or the run was interrupted — an error, not a verdict.
  return (
    results[0] ??
    gateScenario(notRun(scenario, preflight, { seed, environment: environment.kind, startedAt }), policy, {
      graceMs: scenario.graceMs,
    })
  );
}

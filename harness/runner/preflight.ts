// Preflight: before a suite, boot the app once with every dependency healthy and no fault, with the
// run's own app environment (its --defects included). An app that does not become healthy then —
// it cannot import a module, its config is wrong — says nothing about resilience: the run ends NOT
// PROVEN and shows what the app printed, how it exited and the command that started it. A defect
// that breaks the app only under a fault (Redis critical, no connection retry) boots fine here and
// is still judged by the scenarios. Once the app is healthy, the target's own definition is tried
// against it (preflight-target.ts): a request that cannot be built, a write with no key, a health
// path the app does not have stop the run before any fault with a TargetError (exit 2: the config is
// the user's input, and the app itself booted fine). It reuses the environment a scenario gets, so
// it costs one environment start.
import { InterruptedError } from '../cli/exit-codes.ts';
import type { AppExit, StartedEnvironment } from '../environment/types.ts';
import { startEnvironment, type EnvironmentChoice } from './environment-factory.ts';
import type { AppOutputLine, PreflightResult } from './types.ts';
import { healthProblems, requestProblems } from './preflight-target.ts';
import type { ScenarioProblem } from '../scenario/errors.ts';
import { targetBounds } from '../target/contract.ts';
import { TargetError } from '../target/define.ts';
import { readyPath } from '../target/health.ts';
import type { Target } from '../target/types.ts';

/** How many of the app's last lines a failed preflight keeps: a stack trace fits. */
export const PREFLIGHT_OUTPUT_LINES = 30;
const MAX_LINE_CHARS = 500;
const POLL_INTERVAL_MS = 100;
/**
 * Process start and TypeScript transpiling on a busy shared machine: measured here, at a load
 * average of 26 on 2 cores, the app took 25.6 s to become healthy (about 3 s on an idle machine).
 * Only an app that hangs without exiting waits this long; one that exits ends preflight at once.
 */
export const PREFLIGHT_SLACK_MS = 30_000;
/** For an app whose bounds the harness does not know (none given, or external): its start is not ours to time. */
const UNKNOWN_SETTINGS_BUDGET_MS = 30_000;

/**
 * The longest a healthy boot may take: the target's own startup bound (its whole connection retry
 * budget and init, from the settings it starts with) plus slack. Healthy dependencies need far
 * less; the bound only decides when a hanging app is given up on.
 */
export function startupBudgetMs(target: Target, settings: Readonly<Record<string, string>> | undefined): number {
  const bounds = settings === undefined ? undefined : targetBounds(target, settings);
  return bounds === undefined ? UNKNOWN_SETTINGS_BUDGET_MS : bounds.startupMs + PREFLIGHT_SLACK_MS;
}

export interface PreflightOptions {
  seed: number;
  /** The run's app environment (not a scenario's: a scenario may mean its app to fail). */
  appEnv: Record<string, string>;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /**
   * The requests the run loads (requestsOfScenarios): each is built once the app is healthy.
   * Default: the target's default mix.
   */
  requests?: readonly string[];
}

function defaultMixRequests(target: Target): string[] {
  return Object.entries(target.defaultMix)
    .filter(([, weight]) => weight > 0)
    .map(([name]) => name);
}

/** Whether the app runs as the target ships it: none of its defects switched on. */
function runsHealthy(target: Target, appEnv: Readonly<Record<string, string>>): boolean {
  return target.defects === undefined || (appEnv[target.defects.env] ?? '').trim() === '';
}

async function answersHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describeExit(exit: AppExit): string {
  return exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

/** Boots the app once and says whether it became healthy; throws InterruptedError on Ctrl-C. */
export async function runPreflight(choice: EnvironmentChoice, options: PreflightOptions): Promise<PreflightResult> {
  const startedAt = performance.now();
  const base = { appEnv: { ...options.appEnv } };
  const elapsed = (): number => Math.round(performance.now() - startedAt);
  let env: StartedEnvironment;
  try {
    env = await startEnvironment(choice, {
      seed: options.seed,
      appEnv: options.appEnv,
      signal: options.signal,
      onProgress: options.onProgress,
    });
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    return {
      ...base,
      passed: false,
      durationMs: elapsed(),
      reason: `the environment failed to start: ${(error as Error).message}`,
      output: [],
    };
  }

  const output: AppOutputLine[] = [];
  let exit: AppExit | undefined;
  const detachLog = env.onAppLog((line) => {
    output.push({ stream: line.stream ?? 'stdout', line: line.raw.slice(0, MAX_LINE_CHARS) });
    if (output.length > PREFLIGHT_OUTPUT_LINES) output.shift();
  });
  const detachExit = env.onAppExit((event) => (exit ??= event));
  const budgetMs = startupBudgetMs(choice.target, env.appSettings);
  const readyAt = readyPath(choice.target);
  const command = env.appCommand;
  let outcome: Pick<PreflightResult, 'passed' | 'reason' | 'healthyAfterMs'>;
  let targetProblems: ScenarioProblem[] = [];
  try {
    const appStartedAt = performance.now();
    if (env.kind !== 'external') await env.startApp();
    const deadline = appStartedAt + budgetMs;
    for (;;) {
      if (options.signal?.aborted) throw new InterruptedError('interrupted during preflight');
      if (await answersHealthy(`${env.appUrl}${readyAt}`)) {
        outcome = { passed: true, healthyAfterMs: Math.round(performance.now() - appStartedAt) };
        options.onProgress?.('app healthy: building every request of the run and asking every health endpoint');
        const target = choice.target;
        targetProblems = [
          ...requestProblems(target, env.fixtures, options.requests ?? defaultMixRequests(target), options.seed),
          ...(await healthProblems(target, env.appUrl, { healthyApp: runsHealthy(target, options.appEnv) })),
        ];
        break;
      }
      if (exit !== undefined) {
        outcome = {
          passed: false,
          reason: `the app ${describeExit(exit)} before it became healthy, with every dependency healthy and no fault`,
        };
        break;
      }
      if (performance.now() >= deadline) {
        outcome = {
          passed: false,
          reason: `the app did not become healthy (${readyAt} → 200) within its startup budget of ${(budgetMs / 1_000).toFixed(1)} s, with every dependency healthy and no fault`,
        };
        break;
      }
      await sleep(POLL_INTERVAL_MS);
    }
  } finally {
    // Stopping waits for the app's exit, so its last lines are in before they are detached.
    await env.stop();
    detachLog();
    detachExit();
  }
  if (targetProblems.length > 0)
    throw new TargetError(targetProblems, `target "${choice.target.name}", tried against the healthy app in preflight`);
  return {
    ...base,
    ...outcome,
    durationMs: elapsed(),
    budgetMs,
    ...(command === undefined ? {} : { command }),
    ...(exit !== undefined && !exit.expected ? { exit: { code: exit.code, signal: exit.signal } } : {}),
    output: outcome.passed ? [] : output,
  };
}

// Runs one scenario: environment → faults + load + probes → one recorded timeline → checks.
// The runner owns the order of things and the clean-up; the verdicts come from the checks alone.
import { evaluateChecks } from '../checks/registry.ts';
import { checksVerdict, unprovenReason } from '../checks/result.ts';
import { InterruptedError } from '../cli/exit-codes.ts';
import type { StartedEnvironment } from '../environment/types.ts';
import { runFaultSchedule, runFaultScheduleAfterReady } from '../faults/scheduler.ts';
import { BuiltinLoadEngine } from '../load/builtin-engine.ts';
import { K6LoadEngine } from '../load/k6-engine.ts';
import type { LoadEngine } from '../load/types.ts';
import { startHealthPoller } from '../probes/health-poller.ts';
import { answerContract, errorCodeReader } from '../target/contract.ts';
import { fitScenario } from '../target/fit.ts';
import { targetAppEnv } from '../target/fixtures.ts';
import { healthEndpoints } from '../target/health.ts';
import { configuredTargetChecks } from '../target/target-checks.ts';
import { watchReadiness } from '../probes/readiness.ts';
import { scenarioFacts } from '../scenario/define.ts';
import type { Scenario } from '../scenario/types.ts';
import { attachEnvironment } from '../timeline/attach-environment.ts';
import { TimelineRecorder } from '../timeline/recorder.ts';
import {
  expectedCapabilities,
  missingCapabilityReason,
  startEnvironment,
  type EnvironmentChoice,
} from './environment-factory.ts';
import { notProvenReason, READY_WAIT_MS } from './not-proven.ts';
import { shifted, sleepUntil } from './scenario-clock.ts';
import { startProgress } from './progress.ts';
import type { ScenarioRunResult } from './types.ts';
import { acknowledgedKeys, readBackWrites } from './write-readback.ts';

export interface RunScenarioOptions {
  runId: string;
  seed: number;
  environment: EnvironmentChoice;
  loadEngine: 'builtin' | 'k6';
  /** App environment overrides for every scenario (e.g. the defects switch from --defects). */
  appEnv?: Record<string, string>;
  /** Progress output; false in tests. */
  progress?: boolean;
  signal?: AbortSignal;
}

export async function runScenario(written: Scenario, options: RunScenarioOptions): Promise<ScenarioRunResult> {
  const { target } = options.environment;
  // The scenario with the target's own bounds, for the app as this scenario starts it.
  const fit = fitScenario(target, written, { ...targetAppEnv(target), ...written.app.env, ...options.appEnv });
  const scenario = 'scenario' in fit ? fit.scenario : written;
  const seed = scenario.seed ?? options.seed;
  const startedAt = new Date();
  const base = {
    name: scenario.name,
    description: scenario.description,
    file: scenario.file,
    seed,
    startedAt: startedAt.toISOString(),
  };
  const capabilities = expectedCapabilities(options.environment);
  const finish = (rest: Omit<ScenarioRunResult, keyof typeof base | 'durationMs'>): ScenarioRunResult => ({
    ...base,
    durationMs: Date.now() - startedAt.getTime(),
    ...rest,
  });

  const missing =
    'skip' in fit
      ? `not for this target: ${fit.skip}`
      : missingCapabilityReason(scenario.needs, capabilities, options.environment.kind, scenario.app.instances);
  if (missing !== undefined) {
    return finish({
      status: 'skipped',
      reason: missing,
      environment: { kind: options.environment.kind, capabilities },
      checks: [],
      timeline: null,
      loadEngine: null,
    });
  }

  const say = (message: string): void => {
    if (options.progress !== false) process.stderr.write(`  ${message}\n`);
  };
  let env: StartedEnvironment;
  try {
    env = await startEnvironment(options.environment, {
      seed,
      appEnv: { ...scenario.app.env, ...options.appEnv },
      instances: scenario.app.instances,
      onProgress: say,
      signal: options.signal,
    });
  } catch (error) {
    const interrupted = error instanceof InterruptedError;
    return finish({
      status: 'error',
      errorKind: interrupted ? 'interrupted' : 'environment',
      reason: interrupted ? 'interrupted' : `the environment failed to start: ${(error as Error).message}`,
      environment: { kind: options.environment.kind, capabilities: null },
      checks: [],
      timeline: null,
      loadEngine: null,
    });
  }

  const abort = new AbortController();
  const onOuterAbort = (): void => abort.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  // An abort event that fired before the listener was added is never delivered to it.
  if (options.signal?.aborted) abort.abort();
  try {
    const originMs = env.now();
    const clock = { now: () => env.now() - originMs };
    const recorder = new TimelineRecorder({ runId: options.runId, seed, clock });
    const detach = attachEnvironment(recorder, shifted(env, originMs), options.environment.target.logs);
    recorder.mark('run-start', 0, { scenario: scenario.name, environment: env.kind });
    const readiness = watchReadiness((atMs) => recorder.mark('app-ready', atMs));
    const poller = startHealthPoller({
      appUrl: env.appUrl,
      clock,
      endpoints: healthEndpoints(options.environment.target).filter((endpoint) =>
        scenario.probes.health === undefined ? endpoint.polled : scenario.probes.health.includes(endpoint.name),
      ),
      record: (probe) => {
        recorder.recordHealth(probe);
        readiness.observe(probe);
      },
    });
    // On the 'ready' clock the run lasts `duration` from the moment the app is ready and the load
    // is running (its engine may take seconds to set up on a busy machine): afterReady faults count
    // from there too, so a fault's edges meet the load. Until then the end is the wait for readiness.
    const onReadyClock = scenario.clock === 'ready';
    let endAtMs = onReadyClock ? READY_WAIT_MS : scenario.durationMs;
    let readyEnded = (): void => {};
    const endKnown = new Promise<void>((resolve) => (readyEnded = resolve));
    const serving: Promise<number | null> = readiness.ready.then(async (readyAtMs) => {
      if (readyAtMs === null || !onReadyClock || scenario.load === null) return readyAtMs;
      const loadStartAtMs = await Promise.race([
        recorder.nextMark('load-start'),
        new Promise<null>((resolve) => abort.signal.addEventListener('abort', () => resolve(null), { once: true })),
      ]);
      return loadStartAtMs === null ? null : Math.max(readyAtMs, loadStartAtMs);
    });
    void serving.then((servingAtMs) => {
      if (onReadyClock && servingAtMs !== null) endAtMs = servingAtMs + scenario.durationMs;
      readyEnded();
    });
    let phase = 'starting';
    const progress =
      options.progress === false
        ? undefined
        : startProgress({
            scenario: scenario.name,
            phase: () => phase,
            elapsedMs: () => clock.now(),
            samples: () => recorder.snapshot().samples,
          });

    // Faults at or before the app's start go in first ("the database is down when the app boots");
    // those written afterReady(...) wait for the app's first healthy answer.
    const startAtMs = scenario.app.startAtMs;
    const fromStart = scenario.plan.filter((action) => action.anchor === 'start');
    const fromReady = scenario.plan.filter((action) => action.anchor === 'ready');
    const before = fromStart.filter((action) => action.atMs <= startAtMs);
    const after = fromStart.filter((action) => action.atMs > startAtMs);
    let readyFaultsRan = fromReady.length === 0;
    const onAction = (action: { action: string; fault: { type: string } }, atMs: number): void => {
      phase = `${action.action} ${action.fault.type}`;
      progress?.note(`${(atMs / 1_000).toFixed(1)}s ${action.action} ${action.fault.type}`);
    };
    const faults = (async () => {
      await runFaultSchedule({ env, recorder, actions: before, originMs, signal: abort.signal, onAction });
      await sleepUntil(clock.now, startAtMs, abort.signal);
      if (!abort.signal.aborted && env.kind !== 'external') {
        recorder.mark('app-start-requested');
        await env.startApp();
      }
      phase = 'running';
      await Promise.all([
        runFaultSchedule({ env, recorder, actions: after, originMs, signal: abort.signal, onAction }),
        runFaultScheduleAfterReady({
          env,
          recorder,
          actions: fromReady,
          runOriginMs: originMs,
          ready: serving,
          signal: abort.signal,
          onAction,
        }).then((ran) => (readyFaultsRan = ran && !abort.signal.aborted)),
      ]);
    })();

    const engine: LoadEngine | null =
      scenario.load === null ? null : options.loadEngine === 'k6' ? new K6LoadEngine() : new BuiltinLoadEngine();
    const profile = scenario.load;
    const load =
      profile === null || engine === null
        ? Promise.resolve()
        : (async () => {
            // On the ready clock the load's start counts from readiness too.
            let startAtMs = profile.startAtMs;
            if (onReadyClock) {
              const readyAtMs = await readiness.ready;
              if (readyAtMs === null || abort.signal.aborted) return;
              startAtMs += readyAtMs;
            }
            await engine.run(
              { ...profile, startAtMs },
              {
                appUrl: env.appUrl,
                requests: options.environment.target.requests,
                defaultMix: options.environment.target.defaultMix,
                fixtures: env.fixtures,
                errorCode: errorCodeReader(options.environment.target),
                // Client keys are `<runId>-<n>`: the scenario's name keeps one scenario's writes from
                // replaying another's on a database that outlives it (--env external); a retry has its own run id.
                runId: `${options.runId}-${scenario.name}`,
                rngSeed: seed,
              },
              recorder,
              abort.signal,
            );
          })();

    // The run ends at endAtMs, which moves once the app is ready (on the ready clock).
    const runEnd = (async () => {
      if (onReadyClock) await Promise.race([endKnown, sleepUntil(clock.now, endAtMs, abort.signal)]);
      await sleepUntil(clock.now, endAtMs, abort.signal);
    })();
    // A fault or the load engine failing is a harness failure: stop the run, report it as an error.
    const failure = await Promise.race([Promise.all([faults, load]).then(() => null), runEnd.then(() => null)]).catch(
      (error: unknown) => error as Error,
    );
    if (failure === null) await runEnd;
    abort.abort();
    readiness.close();
    await Promise.allSettled([faults, load]);
    await poller.stop();
    progress?.stop();

    phase = 'reading back';
    const keys = acknowledgedKeys(recorder.snapshot().samples);
    const readBack = options.environment.target.writes?.readBack;
    // After Ctrl-C nothing is judged, so nothing is read back: the run ends as soon as it can.
    if (keys.length > 0 && readBack !== undefined && options.signal?.aborted !== true)
      recorder.setWriteReadback(await readBackWrites(env.databaseUrl, readBack, keys, clock.now()));
    recorder.mark('run-end');
    detach();
    const timeline = recorder.finish();
    if (failure !== null && options.signal?.aborted !== true) {
      // A fault that could not be applied or a load engine that broke: the harness failed, not the
      // environment's start and not the app.
      return finish({
        status: 'error',
        errorKind: 'harness',
        reason: `the harness failed mid-run: ${failure.message}`,
        environment: { kind: env.kind, capabilities: env.capabilities },
        checks: [],
        timeline,
        loadEngine: engine?.name ?? null,
      });
    }
    if (options.signal?.aborted) {
      return finish({
        status: 'error',
        errorKind: 'interrupted',
        reason: 'interrupted',
        environment: { kind: env.kind, capabilities: env.capabilities },
        checks: [],
        timeline,
        loadEngine: engine?.name ?? null,
      });
    }
    const checks = evaluateChecks(
      timeline,
      scenario.checks,
      scenarioFacts(scenario, answerContract(options.environment.target)),
      configuredTargetChecks(options.environment.target, scenario),
    );
    const verdict = checksVerdict(checks);
    const unproven =
      notProvenReason(scenario, timeline, readiness.readyAtMs(), readyFaultsRan) ??
      (verdict === 'not-proven' ? unprovenReason(checks) : undefined);
    return finish({
      // Not proven: what the scenario is about was never tried, so no pass (checks kept as evidence).
      status: unproven !== undefined ? 'not-proven' : verdict,
      ...(unproven === undefined ? {} : { reason: unproven }),
      environment: { kind: env.kind, capabilities: env.capabilities },
      checks,
      timeline,
      loadEngine: engine?.name ?? null,
    });
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
    await env.stop();
  }
}

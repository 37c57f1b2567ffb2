// `faultline run [scenario|suite ...]`: boots the app once (preflight), runs scenarios, gates them by
// a policy (retrying failed ones as the policy allows), writes the reports, and exits with the
// documented code (harness/cli/exit-codes.ts, chosen by run-exit-code.ts).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { packageManifest } from '../../lib/package-manifest.ts';
import { randomSeed } from '../../lib/random.ts';
import { failedAttempt, gateScenario, policySummary, shouldRetry } from '../../report/gating/gate.ts';
import { resolvePolicy } from '../../report/gating/resolve.ts';
import type { FailedAttempt, GatedRunResult, GatedScenarioResult } from '../../report/gating/types.ts';
import { DEFAULT_REPORTERS, REPORTERS } from '../../report/registry.ts';
import type { Reporter, ReportContext } from '../../report/types.ts';
import {
  expectedCapabilities,
  missingCapabilityReason,
  type EnvironmentChoice,
} from '../../runner/environment-factory.ts';
import { preflightLines } from '../../report/preflight-text.ts';
import { runPreflight } from '../../runner/preflight.ts';
import { requestsOfScenarios } from '../../runner/preflight-target.ts';
import type { PreflightResult } from '../../runner/types.ts';
import { runScenario } from '../../runner/run-scenario.ts';
import { skipLine } from '../../doctor/skip-line.ts';
import { resolveTargets } from '../catalog.ts';
import type { Command } from '../command.ts';
import { onInterrupt } from '../interrupt.ts';
import { InterruptedError, UsageError } from '../exit-codes.ts';
import { defectsEnv, parseEnvAssignment, parseSeed, TARGET_OPTION } from '../flags.ts';
import { assertScenariosFit } from '../../target/fit.ts';
import { loadTarget } from '../../target/load-target.ts';
import { prepareReportDir, pointLatest } from '../report-dir.ts';
import { runExitCode } from '../run-exit-code.ts';
import { imageConfigFromEnv } from '../../environment/containers/images/image-choice.ts';
import { targetContainer } from '../../environment/containers/images/target-image.ts';

const OPTIONS = {
  env: { type: 'string', default: 'embedded' },
  load: { type: 'string', default: 'builtin' },
  seed: { type: 'string' },
  'report-dir': { type: 'string', default: 'reports' },
  reporter: { type: 'string' },
  gating: { type: 'string' },
  defects: { type: 'string' },
  'app-url': { type: 'string' },
  'toxiproxy-url': { type: 'string' },
  'database-url': { type: 'string' },
  'db-proxy': { type: 'string' },
  'redis-proxy': { type: 'string' },
  'app-env': { type: 'string', multiple: true },
  ...TARGET_OPTION,
} as const;

const EXTERNAL_FLAGS = ['app-url', 'toxiproxy-url', 'database-url'] as const;
/** The docker-compose.yml stack's defaults, printed when --env external lacks a flag. */
const COMPOSE_FLAGS =
  '--app-url http://localhost:3000 --toxiproxy-url http://localhost:8474 --database-url postgresql://faultline:faultline@localhost:5432/faultline --app-env JWT_SECRET=faultline-compose-secret-change-me';

function environmentChoice(values: Record<string, string | undefined>): Omit<EnvironmentChoice, 'target'> {
  const kind = values.env;
  if (kind !== 'embedded' && kind !== 'containers' && kind !== 'external')
    throw new UsageError(`--env expects embedded, containers or external, got "${kind}"`);
  if (kind === 'containers') {
    try {
      return { kind, images: imageConfigFromEnv(process.env) };
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (kind !== 'external') return { kind };
  // Each flag falls back to FAULTLINE_<FLAG> in the environment (read here, at the edge), so a shell
  // or CI job can point every command at one stack, e.g. the docker-compose.yml one.
  for (const flag of [...EXTERNAL_FLAGS, 'db-proxy', 'redis-proxy'])
    values[flag] ??= process.env[`FAULTLINE_${flag.toUpperCase().replace(/-/g, '_')}`] || undefined;
  const missing = EXTERNAL_FLAGS.filter((flag) => values[flag] === undefined);
  if (missing.length > 0) {
    throw new UsageError(
      `--env external needs ${missing.map((flag) => `--${flag}`).join(', ')} (or FAULTLINE_APP_URL, FAULTLINE_TOXIPROXY_URL, FAULTLINE_DATABASE_URL); for docker-compose.yml: ${COMPOSE_FLAGS}`,
    );
  }
  return {
    kind,
    external: {
      appUrl: values['app-url']!,
      toxiproxyUrl: values['toxiproxy-url']!,
      databaseUrl: values['database-url']!,
      dbProxyName: values['db-proxy'],
      redisProxyName: values['redis-proxy'],
    },
  };
}

function reportersFrom(flag: string | undefined): Reporter[] {
  const names =
    flag === undefined
      ? DEFAULT_REPORTERS
      : flag
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean);
  const unknown = names.filter((name) => REPORTERS[name] === undefined);
  if (unknown.length > 0)
    throw new UsageError(`unknown reporter(s) ${unknown.join(', ')}; known: ${Object.keys(REPORTERS).join(', ')}`);
  return names.map((name) => REPORTERS[name]!);
}

function newRunId(seed: number): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${seed.toString(16).padStart(8, '0')}`;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'Run scenarios or suites and report the verdicts',
  usage:
    'faultline run [scenario|suite|file ...] [--env embedded|containers|external] [--load builtin|k6] [--seed N] [--report-dir reports] [--reporter console,json,junit,markdown,html] [--gating policy|file.ts] [--defects name,...] [--app-env KEY=VALUE ...] [--app-url URL --toxiproxy-url URL --database-url URL [--db-proxy postgres] [--redis-proxy redis]] [--target FILE]',
  async run(argv) {
    const { values, positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options: OPTIONS });
    const { 'app-env': appEnvFlags = [], ...flags } = values;
    const where = environmentChoice(flags);
    if (values.load !== 'builtin' && values.load !== 'k6')
      throw new UsageError(`--load expects builtin or k6, got "${values.load}"`);
    const loadEngine = values.load;
    const seed = values.seed === undefined ? randomSeed() : parseSeed(values.seed);
    const reporters = reportersFrom(values.reporter);
    const targets = positionals.length > 0 ? positionals : ['release'];
    const target = await loadTarget({ file: values.target });
    // The app must have a container to run in one: said now, as bad input, before anything starts.
    if (where.kind === 'containers') targetContainer(target);
    const scenarios = await resolveTargets(targets, target);
    if (scenarios.length === 0) throw new UsageError('nothing to run');
    const policy = await resolvePolicy(targets, values.gating);

    const appEnv: Record<string, string> = {
      ...Object.fromEntries(appEnvFlags.map((raw) => parseEnvAssignment('app-env', raw))),
      ...defectsEnv(target, values.defects),
    };
    assertScenariosFit(target, scenarios);
    const environment: EnvironmentChoice = { ...where, target };

    const runId = newRunId(seed);
    const directory = await prepareReportDir(values['report-dir'], runId);
    const context: ReportContext = {
      directory,
      meta: {
        faultlineVersion: packageManifest().version,
        nodeVersion: process.version,
        platform: `${process.platform}-${process.arch}`,
        environment: environment.kind,
        loadEngine,
        command: `faultline run ${argv.join(' ')}`.trim(),
      },
      // Read here, at the edge: the Markdown reporter appends its summary to this file too.
      stepSummaryPath: process.env.GITHUB_STEP_SUMMARY || undefined,
    };
    const fanOut = async <K extends keyof Reporter>(hook: K, ...args: unknown[]): Promise<string[]> => {
      const written: string[] = [];
      for (const reporter of reporters) {
        const fn = reporter[hook] as ((...a: unknown[]) => unknown) | undefined;
        const files = await fn?.call(reporter, context, ...args);
        if (Array.isArray(files)) written.push(...(files as string[]));
      }
      return written;
    };

    // Before anything starts: what this machine cannot run (e.g. the Redis scenarios without Redis).
    const skipping = skipLine(scenarios, environment);
    if (skipping !== undefined) process.stderr.write(`${skipping}\n`);

    const abort = onInterrupt();

    const startedAt = new Date();
    await fanOut('onRunStart', {
      runId,
      seed,
      scenarios: scenarios.map((scenario) => scenario.name),
      policy: policy.name,
    });
    const results: GatedScenarioResult[] = [];
    let preflight: PreflightResult | undefined;
    try {
      // Boot the app once, every dependency healthy, before any verdict depends on it starting
      // (unless nothing would run: every scenario lacks a capability).
      const capabilities = expectedCapabilities(environment);
      const runnable = scenarios.filter(
        (scenario) =>
          missingCapabilityReason(scenario.needs, capabilities, environment.kind, scenario.app.instances) === undefined,
      );
      if (runnable.length > 0) {
        process.stderr.write('\n▶ preflight: booting the app once, every dependency healthy, no fault\n');
        preflight = await runPreflight(environment, {
          seed,
          appEnv,
          requests: requestsOfScenarios(environment.target, runnable),
          signal: abort.signal,
          onProgress: (message) => process.stderr.write(`  ${message}\n`),
        });
        process.stderr.write(`  ${preflightLines(preflight)[0]}\n`);
      }
      for (const scenario of preflight?.passed === false ? [] : scenarios) {
        if (abort.signal.aborted) break;
        // A failed scenario runs again while the policy allows; the earlier attempts stay in the
        // report and a pass on a retry is "flaky", never a plain pass.
        const retried: FailedAttempt[] = [];
        let result: GatedScenarioResult;
        for (;;) {
          const attempt = retried.length + 1;
          process.stderr.write(
            `\n▶ ${scenario.name}${attempt > 1 ? ` (retry ${attempt - 1} of ${policy.retries})` : ''}\n`,
          );
          // A retry gets its own run id, so its writes' client keys never replay the first attempt's
          // (which matters where the database outlives the attempt: --env external).
          const attemptRunId = attempt === 1 ? runId : `${runId}-retry${attempt - 1}`;
          const raw = await runScenario(scenario, {
            runId: attemptRunId,
            seed,
            environment,
            loadEngine,
            appEnv,
            signal: abort.signal,
          });
          result = gateScenario(raw, policy, { graceMs: scenario.graceMs, retried: [...retried] });
          if (abort.signal.aborted || !shouldRetry(result, policy)) break;
          retried.push(failedAttempt(result, attempt));
        }
        // An interrupted scenario has no verdict to report.
        if (abort.signal.aborted && result.errorKind === 'interrupted') break;
        results.push(result);
        await fanOut('onScenarioEnd', result);
      }
    } catch (error) {
      // Ctrl-C during preflight: the reports still say what ran (nothing), and the exit code is 130.
      if (!(error instanceof InterruptedError)) throw error;
    } finally {
      abort.dispose();
    }
    const run: GatedRunResult = {
      runId,
      seed,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      scenarios: results,
      policy: policySummary(policy),
      ...(preflight === undefined ? {} : { preflight }),
    };
    const written = await fanOut('onRunEnd', run);
    await pointLatest(values['report-dir'], runId);
    if (written.length > 0)
      console.log(`reports: ${written.map((file) => path.relative(process.cwd(), file)).join(', ')}`);

    // The exit code follows the gate: advisory failures and flaky scenarios do not fail the run.
    return runExitCode(run, { interrupted: abort.signal.aborted });
  },
};

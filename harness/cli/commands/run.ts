// `faultline run [scenario|suite ...]`: boots the app once (preflight), runs scenarios, gates them by
// a policy (retrying failed ones as the policy allows), writes the reports, and exits with the
// documented code (harness/cli/exit-codes.ts, chosen by run-exit-code.ts).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { packageManifest } from '../../lib/package-manifest.ts';
import { randomSeed } from '../../lib/random.ts';
import { policySummary } from '../../report/gating/gate.ts';
import { resolvePolicy } from '../../report/gating/resolve.ts';
import type { GatedRunResult } from '../../report/gating/types.ts';
import { DEFAULT_REPORTERS, REPORTERS } from '../../report/registry.ts';
import type { Reporter, ReportContext } from '../../report/types.ts';
import type { EnvironmentChoice } from '../../runner/environment-factory.ts';
import { preflightLines } from '../../report/preflight-text.ts';
import { newRunId } from '../../runner/run-id.ts';
import { runPlan, type PlanOutcome } from '../../runner/run-plan.ts';
import { skipLine } from '../../doctor/skip-line.ts';
import { isScenarioPath, resolveTargets } from '../catalog.ts';
import type { Command } from '../command.ts';
import { onInterrupt } from '../interrupt.ts';
import { UsageError } from '../exit-codes.ts';
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
    // Files first: a scenario file's own mistake is said before anything else is looked for.
    const byPath = targets.every(isScenarioPath) ? await resolveTargets(targets) : undefined;
    const target = await loadTarget({ file: values.target });
    // The app must have a container to run in one: said now, as bad input, before anything starts.
    if (where.kind === 'containers') targetContainer(target);
    const scenarios = byPath ?? (await resolveTargets(targets, target));
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
    let outcome: PlanOutcome;
    try {
      outcome = await runPlan({
        runId,
        seed,
        scenarios,
        environment,
        loadEngine,
        appEnv,
        policy,
        signal: abort.signal,
        on: {
          preflightStart: () =>
            process.stderr.write('\n▶ preflight: booting the app once, every dependency healthy, no fault\n'),
          preflightProgress: (message) => process.stderr.write(`  ${message}\n`),
          preflight: (result) => process.stderr.write(`  ${preflightLines(result)[0]}\n`),
          attemptStart: (scenario, attempt) =>
            process.stderr.write(
              `\n▶ ${scenario.name}${attempt > 1 ? ` (retry ${attempt - 1} of ${policy.retries})` : ''}\n`,
            ),
          scenarioEnd: async (result) => {
            await fanOut('onScenarioEnd', result);
          },
        },
      });
    } finally {
      abort.dispose();
    }
    const { preflight, results } = outcome;
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

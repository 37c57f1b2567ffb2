// `faultline k6 export <scenario>`: writes the scenario's load as a standalone k6 test (script.js and
// requests.json, see harness/load/k6-export.ts), so a team can run the same load with k6 on a laptop
// or across machines with k6-operator. The requests address seeded rows by id: the ids come from
// --database-url (the target's prepare reads them), or from a throwaway embedded PostgreSQL migrated
// and seeded by the target's own steps with --seed, which gives the ids a database seeded so holds.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EmbeddedPostgres } from '../../environment/postgres/embedded-postgres.ts';
import { packageManifest } from '../../lib/package-manifest.ts';
import { arrivalOffsetsMs } from '../../load/arrival.ts';
import { generateK6Export, RUN_PLACEHOLDER, toExportedRequest } from '../../load/k6-export.ts';
import { refuseNonHttpTemplates } from '../../load/http-only.ts';
import { RequestFactory } from '../../load/request-factory.ts';
import { resolvePolicy } from '../../report/gating/resolve.ts';
import { resolveTargets } from '../catalog.ts';
import type { Command } from '../command.ts';
import { ExitCode, UsageError } from '../exit-codes.ts';
import { parseSeed, TARGET_OPTION } from '../flags.ts';
import { migrateAndSeed } from '../../target/database.ts';
import { prepareFixtures, targetAppEnv, type TargetFixtures } from '../../target/fixtures.ts';
import { assertScenariosFit } from '../../target/fit.ts';
import { loadTarget } from '../../target/load-target.ts';
import type { Target } from '../../target/types.ts';

const OPTIONS = {
  out: { type: 'string' },
  seed: { type: 'string', default: '1' },
  gating: { type: 'string' },
  'app-url': { type: 'string', default: 'http://localhost:3000' },
  'database-url': { type: 'string' },
  ...TARGET_OPTION,
} as const;

async function fixturesFor(target: Target, seed: number, databaseUrl: string | undefined): Promise<TargetFixtures> {
  const appEnv = targetAppEnv(target);
  if (databaseUrl !== undefined) return prepareFixtures(target, { databaseUrl, appEnv, seeded: undefined, seed });
  const postgres = await EmbeddedPostgres.start();
  try {
    await postgres.query('CREATE DATABASE faultline');
    const url = postgres.url('faultline');
    const seeded = await migrateAndSeed(target, { databaseUrl: url, seed });
    return await prepareFixtures(target, { databaseUrl: url, appEnv, seeded, seed });
  } finally {
    await postgres.destroy();
  }
}

export const k6Command: Command = {
  name: 'k6',
  summary: "Export a scenario's load, checks and thresholds as a k6 script",
  usage:
    'faultline k6 export <scenario|file> [--out DIR] [--seed N (1)] [--gating policy|file.ts] [--app-url http://localhost:3000] [--database-url URL] [--target FILE]',
  async run(argv) {
    const { values, positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options: OPTIONS });
    const [action, target, ...extra] = positionals;
    if (action !== 'export')
      throw new UsageError(`expected "faultline k6 export <scenario>", got "${positionals.join(' ')}"`);
    if (target === undefined || extra.length > 0) throw new UsageError('expected exactly one scenario to export');
    const app = await loadTarget({ file: values.target });
    const scenarios = await resolveTargets([target], app);
    if (scenarios.length !== 1)
      throw new UsageError(`"${target}" is a suite of ${scenarios.length} scenarios; export one scenario at a time`);
    const scenario = scenarios[0]!;
    if (scenario.load === null)
      throw new UsageError(`scenario "${scenario.name}" has no load section: there is nothing for k6 to run`);
    assertScenariosFit(app, [scenario]);
    refuseNonHttpTemplates(scenario.load.mix, app, 'k6 export');
    const seed = parseSeed(values.seed);
    const policy = await resolvePolicy([target], values.gating);

    process.stderr.write(
      values['database-url'] === undefined
        ? `seeding a throwaway PostgreSQL with seed ${seed} for the ids the requests use\n`
        : `reading seeded ids from ${values['database-url']}\n`,
    );
    // Tokens the target mints here are only replaced: the script signs its own at run time.
    const factory = RequestFactory.create(
      {
        appUrl: values['app-url'],
        requests: app.requests,
        defaultMix: app.defaultMix,
        fixtures: await fixturesFor(app, seed, values['database-url']),
        runId: RUN_PLACEHOLDER,
        rngSeed: seed,
      },
      scenario.load.mix,
    );
    const requests = [...arrivalOffsetsMs(scenario.load.arrival)].map(() => toExportedRequest(factory.next()));
    const version = packageManifest().version;
    const files = generateK6Export({
      scenario,
      policy,
      requests,
      seed,
      appUrl: values['app-url'],
      faultlineVersion: version,
    });

    const out = path.resolve(values.out ?? path.join('reports', 'k6', scenario.name));
    await fs.mkdir(out, { recursive: true });
    await fs.writeFile(path.join(out, 'script.js'), files.script);
    await fs.writeFile(path.join(out, 'requests.json'), files.requests);
    const relative = path.relative(process.cwd(), out) || '.';
    console.log(
      `wrote ${relative}/script.js and ${relative}/requests.json (${requests.length} requests, gating policy ${policy.name})`,
    );
    console.log(
      `run:  cd ${relative} && FAULTLINE_APP_URL=${values['app-url']} FAULTLINE_JWT_SECRET=<the app's JWT_SECRET> k6 run script.js`,
    );
    return ExitCode.Ok;
  },
};

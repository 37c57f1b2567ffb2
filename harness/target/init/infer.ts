// Everything `faultline init` can tell about a project without running it: package.json, the Prisma
// schema and config, and the app's source. Reads files only; what it cannot tell becomes a TODO.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findPrisma } from './find-prisma.ts';
import { envReads, namesOf, pickDatabaseUrl, pickPort, pickRedis } from './infer-env.ts';
import { authIn, healthOf, routesIn } from './infer-routes.ts';
import { poolsOf } from './pools.ts';
import { parseScript, readPackage, startCommand, type PackageInfo } from './read-package.ts';
import { readSources } from './read-sources.ts';
import { readRequests } from './requests.ts';
import { todosIn, type Found, type StarterConfig, type StarterStep } from './types.ts';

const SEED_SCRIPTS = ['db:seed', 'seed', 'prisma:seed'];

function seedOf(
  dir: string,
  pkg: PackageInfo,
  prismaSeed: { command: string; from: string } | undefined,
): Found<StarterStep | undefined> {
  if (prismaSeed !== undefined) {
    const parsed = parseScript(prismaSeed.command, pkg.scripts);
    if (parsed !== undefined && parsed.before.length === 0)
      return { value: { command: parsed.argv }, from: prismaSeed.from };
  }
  const script = SEED_SCRIPTS.find((name) => pkg.scripts[name] !== undefined);
  if (script !== undefined)
    return {
      value: { command: ['npm', 'run', script] },
      from: `package.json scripts.${script}`,
      note: 'run in the app folder with the fresh database URL under app.inject.databaseUrl',
    };
  if (existsSync(path.join(dir, 'prisma', 'seed.sql')))
    return { value: { sql: 'prisma/seed.sql' }, from: 'prisma/seed.sql' };
  return {
    value: undefined,
    todo: 'no seed found: give database.seed (a command, SQL files or a function); the pools are read from the seeded database and an empty pool stops a run',
  };
}

export function inferStarter(dir: string): StarterConfig {
  const pkg = readPackage(dir);
  const prisma = findPrisma(dir, pkg);
  const sources = readSources(dir, prisma?.generatedDirs ?? []);
  const reads = envReads(sources);
  const { routes, prefixes } = routesIn(sources);
  const { pools, skipped } = poolsOf(prisma?.schema.models ?? []);
  const command = startCommand(pkg, dir);

  const databaseUrl: Found<string> = prisma?.urlEnv
    ? { value: prisma.urlEnv.name, from: prisma.urlEnv.from }
    : (pickDatabaseUrl(reads) ?? {
        value: 'DATABASE_URL',
        todo: 'no database URL variable found: name the variable the app reads its PostgreSQL URL from',
      });
  const provider = prisma?.schema.datasource?.provider;
  if (provider !== undefined && provider !== 'postgresql' && provider !== 'postgres')
    databaseUrl.todo = [
      ...todosIn(databaseUrl),
      `the datasource's provider is ${provider}: Faultline runs PostgreSQL only`,
    ];
  const port = pickPort(reads);
  const redisUrl = pickRedis(reads);
  const injected = new Set([databaseUrl.value, port.value, redisUrl?.value, 'NODE_ENV']);

  const migrate: Found<StarterStep> = prisma?.migrationsDir
    ? {
        value: { command: ['npx', 'prisma', 'migrate', 'deploy'] },
        from: prisma.migrationsDir,
        note: `{ sql: '${prisma.migrationsDir}' } applies the same migrations without Prisma's schema engine download`,
      }
    : prisma !== undefined
      ? {
          value: { command: ['npx', 'prisma', 'db', 'push'] },
          from: prisma.schemaFile,
          todo: 'no migrations folder: `prisma db push` makes the schema; give migrations ({ sql: ... } or a command) if you have them',
        }
      : {
          value: { command: ['npm', 'run', 'migrate'] },
          todo: 'no Prisma schema found: give the command (or { sql: folder }) that brings an empty database to the schema',
        };

  const poolTodos = [
    ...(prisma === undefined ? ['no Prisma schema found: add pools, each a SELECT whose first column is an id'] : []),
    ...(skipped.length > 0 ? [`no pool for ${skipped.join(', ')}: add one by hand if requests need their ids`] : []),
  ];
  const { requests, missingExample } = readRequests(routes, pools, prefixes, authIn(sources));
  return {
    // A .ts config in a package without "type": "module" is loaded as CommonJS, which cannot import
    // Faultline's ES modules; an .mts file is an ES module wherever it is.
    fileName: pkg.esm
      ? { value: 'faultline.config.ts' }
      : {
          value: 'faultline.config.mts',
          note: 'package.json has no "type": "module", so a .ts config would load as CommonJS',
        },
    name: { value: pkg.name, from: 'package.json name' },
    app: {
      command,
      env: Object.keys(command.env).length > 0 ? command.env : undefined,
      databaseUrl,
      redisUrl,
      port,
      otherEnv: namesOf(reads).filter((name) => !injected.has(name)),
    },
    migrate,
    seed: seedOf(dir, pkg, prisma?.seed),
    pools: { value: pools, from: prisma?.schemaFile, todo: poolTodos },
    health: healthOf(routes),
    requests,
    missingExample,
  };
}

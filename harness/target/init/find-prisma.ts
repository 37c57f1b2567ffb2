// Finds a project's Prisma setup for `faultline init`: the schema (package.json's "prisma.schema",
// prisma.config.ts's `schema:`, or prisma/schema.prisma), its migrations folder, its seed command and
// the variable the database URL is read from (the schema's `url = env("X")`, or prisma.config.ts's
// `env('X')` / `process.env.X` as Prisma 7 wants it).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PackageInfo } from './read-package.ts';
import { parsePrismaSchema, type PrismaSchema } from './read-prisma.ts';

export interface PrismaProject {
  /** Relative to the project, for messages. */
  schemaFile: string;
  schema: PrismaSchema;
  configFile?: string;
  /** The variable the app's database URL is read from, and the file that said so. */
  urlEnv?: { name: string; from: string };
  /** Relative to the project; present only when it holds migrations. */
  migrationsDir?: string;
  /** Prisma's own seed command (package.json "prisma.seed" or the config's migrations.seed). */
  seed?: { command: string; from: string };
  /** Absolute folders of generated code (the Prisma client), which the source scan skips. */
  generatedDirs: string[];
}

const CONFIG_FILES = [
  'prisma.config.ts',
  'prisma.config.mts',
  'prisma.config.js',
  'prisma.config.mjs',
  '.config/prisma.ts',
];
const STRING = `['"\`]([^'"\`]+)['"\`]`;
const ENV_READ = `(?:env(?:<[^>]*>)?\\(\\s*${STRING}\\s*\\)|process\\.env(?:\\.(\\w+)|\\[\\s*${STRING}\\s*\\]))`;

const firstGroup = (match: RegExpExecArray | null): string | undefined => match?.slice(1).find((g) => g !== undefined);

function readConfig(text: string): { schema?: string; migrations?: string; seed?: string; urlEnv?: string } {
  const migrations = /migrations\s*:\s*\{([^}]*)\}/s.exec(text)?.[1] ?? '';
  // `url: env('X')` first; else the one variable the file reads, when it reads exactly one.
  const reads = [...text.matchAll(new RegExp(ENV_READ, 'g'))].map((m) => m.slice(1).find((g) => g !== undefined));
  const distinct = [...new Set(reads)];
  return {
    schema: new RegExp(`\\bschema\\s*:\\s*${STRING}`).exec(text)?.[1],
    migrations: new RegExp(`\\bpath\\s*:\\s*${STRING}`).exec(migrations)?.[1],
    seed: new RegExp(`\\bseed\\s*:\\s*${STRING}`).exec(migrations)?.[1],
    urlEnv:
      firstGroup(new RegExp(`\\burl\\s*:\\s*${ENV_READ}`).exec(text)) ??
      (distinct.length === 1 ? distinct[0] : undefined),
  };
}

/** A schema file's text, or a multi-file schema folder's files joined. */
function readSchemaText(file: string): string {
  if (!statSync(file).isDirectory()) return readFileSync(file, 'utf8');
  return readdirSync(file, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.prisma'))
    .sort()
    .map((name) => readFileSync(path.join(file, name), 'utf8'))
    .join('\n');
}

const holdsMigrations = (dir: string): boolean =>
  existsSync(dir) &&
  readdirSync(dir, { withFileTypes: true }).some(
    (entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')),
  );

export function findPrisma(dir: string, pkg: PackageInfo): PrismaProject | undefined {
  const configName = CONFIG_FILES.find((name) => existsSync(path.join(dir, name)));
  const config = configName === undefined ? {} : readConfig(readFileSync(path.join(dir, configName), 'utf8'));
  const configDir = path.dirname(path.join(dir, configName ?? '.'));
  const candidates = [
    pkg.prisma.schema === undefined ? undefined : path.resolve(dir, pkg.prisma.schema),
    config.schema === undefined ? undefined : path.resolve(configDir, config.schema),
    path.join(dir, 'prisma', 'schema.prisma'),
    path.join(dir, 'schema.prisma'),
    path.join(dir, 'prisma', 'schema'),
  ];
  const schemaPath = candidates.find((file) => file !== undefined && existsSync(file));
  if (schemaPath === undefined) return undefined;
  const schema = parsePrismaSchema(readSchemaText(schemaPath));
  const schemaDir = statSync(schemaPath).isDirectory() ? schemaPath : path.dirname(schemaPath);
  const relative = (file: string): string => path.relative(dir, file).split(path.sep).join('/');
  const migrations =
    config.migrations === undefined ? path.join(schemaDir, 'migrations') : path.resolve(configDir, config.migrations);
  const urlEnv =
    schema.datasource?.urlEnv !== undefined
      ? { name: schema.datasource.urlEnv, from: relative(schemaPath) }
      : config.urlEnv !== undefined && configName !== undefined
        ? { name: config.urlEnv, from: configName }
        : undefined;
  const seed =
    config.seed !== undefined && configName !== undefined
      ? { command: config.seed, from: `${configName} migrations.seed` }
      : pkg.prisma.seed !== undefined
        ? { command: pkg.prisma.seed, from: 'package.json prisma.seed' }
        : undefined;
  return {
    schemaFile: relative(schemaPath),
    schema,
    configFile: configName,
    urlEnv,
    migrationsDir: holdsMigrations(migrations) ? relative(migrations) : undefined,
    seed,
    generatedDirs: schema.generatorOutputs.map((output) => path.resolve(schemaDir, output)),
  };
}

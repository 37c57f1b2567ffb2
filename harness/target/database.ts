// A target's database steps (migrate, seed) and its id pools, run against a fresh database before
// the app starts. A step that fails stops the environment with what the step printed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import pg from 'pg';
import type { CommandStep, DatabaseStep, DatabaseStepContext, Target } from './types.ts';

/** The last lines a failed command printed: enough for an error message, never a whole log. */
const OUTPUT_LINES = 15;

/** Runs a command step in the app's folder; a failure says what the command printed last. */
export async function runCommandStep(
  target: Target,
  label: string,
  step: CommandStep,
  env: Readonly<Record<string, string>> = {},
): Promise<undefined> {
  const [file, ...args] = step.command;
  const result = await execa(file as string, args, {
    cwd: path.resolve(target.root, target.app.cwd ?? '.'),
    env: { ...step.env, ...env },
    reject: false,
    all: true,
    stdin: 'ignore',
  });
  if (result.exitCode !== 0) {
    const output = String(result.all ?? '')
      .trim()
      .split('\n')
      .slice(-OUTPUT_LINES)
      .join('\n');
    throw new Error(
      `${label} (${step.command.join(' ')}) exited ${result.exitCode ?? result.signal}${output === '' ? '' : `:\n${output}`}`,
    );
  }
  return undefined;
}

async function runDatabaseStep(
  target: Target,
  label: 'migrate' | 'seed',
  step: DatabaseStep,
  context: DatabaseStepContext,
): Promise<unknown> {
  if (typeof step === 'function') return step(context);
  if ('sql' in step) return applySql(path.resolve(target.root, step.sql), context.databaseUrl);
  return runCommandStep(target, `database.${label}`, step, { [target.app.inject.databaseUrl]: context.databaseUrl });
}

/** Brings a fresh database to the app's schema (no seed): for a template database, say. */
export async function migrateDatabase(target: Target, context: DatabaseStepContext): Promise<void> {
  await runDatabaseStep(target, 'migrate', target.database.migrate, context);
}

/** Migrates a fresh database, then seeds it when the target seeds; returns what the seed step returned. */
export async function migrateAndSeed(target: Target, context: DatabaseStepContext): Promise<unknown> {
  await migrateDatabase(target, context);
  return target.database.seed === undefined
    ? undefined
    : runDatabaseStep(target, 'seed', target.database.seed, context);
}

/** One `.sql` file, or every `<folder>/migration.sql` of a folder in name order (Prisma's layout). */
async function applySql(location: string, databaseUrl: string): Promise<undefined> {
  const files = statSync(location).isDirectory()
    ? readdirSync(location, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.join(location, entry.name, 'migration.sql'))
        .sort()
    : [location];
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const file of files) {
      await client.query('BEGIN');
      try {
        await client.query(readFileSync(file, 'utf8'));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`${path.relative(process.cwd(), file)}: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    await client.end();
  }
  return undefined;
}

/** Reads every pool (first column of each row); a pool with no row stops the run: nothing to draw from. */
export async function readPools(
  databaseUrl: string,
  pools: Readonly<Record<string, string>> = {},
): Promise<Record<string, (string | number)[]>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const read: Record<string, (string | number)[]> = {};
    for (const [name, sql] of Object.entries(pools)) {
      let rows: Record<string, unknown>[];
      try {
        rows = (await client.query({ text: sql, rowMode: 'array' })).rows as never;
      } catch (error) {
        throw new Error(`database.pools.${name}: ${(error as Error).message} (in: ${sql})`, { cause: error });
      }
      read[name] = (rows as unknown as unknown[][]).map((row) => {
        const id = row[0];
        return typeof id === 'number' ? id : String(id);
      });
      if (read[name].length === 0)
        throw new Error(
          `database.pools.${name} returned no rows after seeding (${sql}): requests drawing from it cannot be built`,
        );
    }
    return read;
  } finally {
    await client.end();
  }
}

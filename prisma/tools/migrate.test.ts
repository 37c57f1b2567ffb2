// Our migrator keeps Prisma's own bookkeeping, so `prisma migrate deploy` (where its engine can be
// downloaded) and ours agree on what has been applied.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { migrate, MIGRATIONS_DIR, readMigrations } from './migrate.ts';

const admin = async (sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  await client.query(sql);
  await client.end();
};
const urlOf = (name: string): string => {
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${name}`;
  return url.toString();
};

describe('migrate', () => {
  const name = `migrate_${Date.now()}`;
  let workDir: string;
  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'faultline-migrations-'));
  });
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await fs.rm(workDir, { recursive: true, force: true });
  });

  it('applies every migration once, recording Prisma-compatible rows, and is idempotent', async () => {
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    const first = await migrate(urlOf(name));
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    const second = await migrate(urlOf(name));
    expect(second).toEqual({ applied: [], alreadyApplied: migrations.map((m) => m.name) });

    const client = new pg.Client({ connectionString: urlOf(name) });
    await client.connect();
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"',
    );
    await client.end();
    for (const migration of migrations) {
      const sql = await fs.readFile(path.join(MIGRATIONS_DIR, migration.name, 'migration.sql'));
      const row = rows.find((r) => r.migration_name === migration.name);
      expect(row).toMatchObject({ checksum: createHash('sha256').update(sql).digest('hex'), applied_steps_count: 1 });
      expect(row.finished_at).toBeInstanceOf(Date);
    }
  });

  it('refuses a migration that was edited after it was applied, and rolls back one that fails', async () => {
    await fs.cp(MIGRATIONS_DIR, workDir, { recursive: true });
    const [firstMigration] = await readMigrations(workDir);
    await fs.appendFile(path.join(workDir, firstMigration!.name, 'migration.sql'), '\n-- edited\n');
    await expect(migrate(urlOf(name), workDir)).rejects.toMatchObject({
      code: 'MIGRATION_FAILED',
      message: expect.stringContaining('checksum'),
    });

    await fs.cp(MIGRATIONS_DIR, workDir, { recursive: true, force: true });
    const broken = path.join(workDir, '29990101000000_broken');
    await fs.mkdir(broken);
    await fs.writeFile(
      path.join(broken, 'migration.sql'),
      'CREATE TABLE half_done (id int);\nSELECT no_such_function();\n',
    );
    await expect(migrate(urlOf(name), workDir)).rejects.toMatchObject({ code: 'MIGRATION_FAILED' });
    const client = new pg.Client({ connectionString: urlOf(name) });
    await client.connect();
    const tables = await client.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    const recorded = await client.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`,
    );
    await client.end();
    expect(tables.rowCount).toBe(0);
    expect(recorded.rowCount).toBe(0);
  });
});

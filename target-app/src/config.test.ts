// Configuration from a file as well as the environment (CONFIG_FILE), read and validated once at
// start: JSON or .env style, the environment winning over the file, a clear error naming the file
// for anything wrong in it, and a real process that starts with its secrets only in the file.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../harness/testing/database.ts';
import { spawnApp } from '../test/process.ts';
import { TEST_JWT_SECRET, testEnv } from '../test/support.ts';
import { ConfigError, readConfig } from './config.ts';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'config-file-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const full = path.join(dir, name);
  await fs.writeFile(full, text);
  return full;
}

const DB = 'postgresql://u:p@127.0.0.1:5432/app';

describe('CONFIG_FILE', () => {
  it('reads a .env-style file: comments, export, quotes, trailing comments', async () => {
    const CONFIG_FILE = await file(
      'app.env',
      [
        '# secrets',
        `DATABASE_URL=${DB}`,
        `export JWT_SECRET="${TEST_JWT_SECRET}"`,
        '',
        "LOG_LEVEL='warn'",
        'DB_POOL_MAX=4 # small',
      ].join('\n'),
    );
    const { config, sources } = await readConfig({ CONFIG_FILE });
    expect(config).toMatchObject({ DATABASE_URL: DB, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'warn', DB_POOL_MAX: 4 });
    expect(sources[`CONFIG_FILE ${CONFIG_FILE}`]?.sort()).toEqual(
      ['DATABASE_URL', 'DB_POOL_MAX', 'JWT_SECRET', 'LOG_LEVEL'].sort(),
    );
  });

  it('reads a JSON file of strings, numbers and booleans', async () => {
    const CONFIG_FILE = await file(
      'app.json',
      JSON.stringify({ DATABASE_URL: DB, JWT_SECRET: TEST_JWT_SECRET, PORT: 8080 }),
    );
    expect((await readConfig({ CONFIG_FILE })).config).toMatchObject({ DATABASE_URL: DB, PORT: 8080 });
  });

  it('lets the environment win over the file, and says which source supplied what', async () => {
    const CONFIG_FILE = await file('both.env', `DATABASE_URL=${DB}\nJWT_SECRET=${TEST_JWT_SECRET}\nPORT=1111\n`);
    const { config, sources } = await readConfig({ CONFIG_FILE, PORT: '2222' });
    expect(config.PORT).toBe(2222);
    expect(sources.environment).toEqual(['PORT']);
    expect(sources[`CONFIG_FILE ${CONFIG_FILE}`]).not.toContain('PORT');
  });

  it('validates the merged result once: a bad value in the file is named', async () => {
    const CONFIG_FILE = await file('bad-value.env', `DATABASE_URL=${DB}\nJWT_SECRET=short\n`);
    await expect(readConfig({ CONFIG_FILE })).rejects.toThrow(/JWT_SECRET: must be at least 16 characters/);
  });

  it.each([
    ['a missing file', () => path.join(os.tmpdir(), 'no-such-config.env'), /cannot be read \(ENOENT\)/],
    ['malformed JSON', () => file('broken.json', '{ "PORT": '), /is not valid JSON/],
    ['a JSON array', () => file('array.json', '[]'), /one JSON object/],
    ['a nested JSON value', () => file('nested.json', '{"PORT": {"x": 1}}'), /PORT must be a string/],
    [
      'a line that is not KEY=VALUE',
      () => file('junk.env', 'PORT=1\nthis is not a setting\n'),
      /line 2 is not KEY=VALUE/,
    ],
    [
      'an unknown (mistyped) setting',
      () => file('typo.env', `JWT_SECERT=${TEST_JWT_SECRET}\n`),
      /unknown setting\(s\) JWT_SECERT/,
    ],
  ])('rejects %s with a ConfigError naming the file', async (_label, make, pattern) => {
    const CONFIG_FILE = await make();
    const error = await readConfig({ CONFIG_FILE, DATABASE_URL: DB, JWT_SECRET: TEST_JWT_SECRET }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`CONFIG_FILE ${CONFIG_FILE}`);
    expect((error as Error).message).toMatch(pattern);
  });
});

describe('a real process configured by file', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('config_file');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('starts with its database URL and secret only in the file, and logs the sources without values', async () => {
    const CONFIG_FILE = await file('process.env', `DATABASE_URL=${db.url}\nJWT_SECRET=${TEST_JWT_SECRET}\n`);
    // Room for a busy shared machine: the schema check must not time out the startup.
    const env = testEnv(db.url, { CONFIG_FILE, SERVICE_INIT_TIMEOUT_MS: '15000' });
    delete env.DATABASE_URL;
    delete env.JWT_SECRET;
    const app = spawnApp(env);
    try {
      await app.waitForLog((line) => line.event === 'http.listening', 60_000);
      expect((await fetch(`${app.url()}/api/v1/health`)).status).toBe(200);
      const loaded = app.logs.find((line) => line.event === 'config.loaded');
      expect((loaded?.sources as Record<string, string[]>)[`CONFIG_FILE ${CONFIG_FILE}`]?.sort()).toEqual([
        'DATABASE_URL',
        'JWT_SECRET',
      ]);
      expect(JSON.stringify(app.logs)).not.toContain(TEST_JWT_SECRET);
    } finally {
      await app.stop();
    }
  });

  it('exits 1 naming the file when it is broken', async () => {
    const CONFIG_FILE = await file('broken-process.json', '{');
    const app = spawnApp({ ...testEnv(db.url), CONFIG_FILE });
    expect((await app.exited).code).toBe(1);
    const fatal = app.logs.find((line) => line.levelName === 'fatal');
    expect(fatal).toMatchObject({ event: 'startup.failed', reason: 'config' });
    expect(fatal!.msg).toContain(CONFIG_FILE);
  });
});

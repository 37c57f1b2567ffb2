// `faultline init` on a copy of the example service, from no config: the file it writes must load
// through the same loader `faultline run` uses and describe the service as its README does (tables,
// variables, health paths). Then its refusals: a config already there, a folder that is no project.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTarget } from '../../target/load-target.ts';
import type { BuildContext } from '../../target/types.ts';
import { main } from '../main.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const EXAMPLE = path.join(REPO, 'examples', 'library-loans');
const BIN = path.join(REPO, 'harness', 'bin', 'faultline.js');

let root: string;
let project: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'faultline-init-'));
  project = path.join(root, 'library-loans');
  mkdirSync(project);
  for (const part of ['package.json', 'prisma.config.ts', 'prisma'])
    cpSync(path.join(EXAMPLE, part), path.join(project, part), { recursive: true });
  cpSync(path.join(EXAMPLE, 'src'), path.join(project, 'src'), {
    recursive: true,
    filter: (source) => !source.startsWith(path.join(EXAMPLE, 'src', 'generated')),
  });
  // As in a project that installed Faultline: `import { defineTarget } from 'faultline'` resolves.
  mkdirSync(path.join(project, 'node_modules'));
  symlinkSync(REPO, path.join(project, 'node_modules', 'faultline'), 'dir');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cli = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, 'init', ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe('faultline init on the example service', () => {
  it('writes a config that validates and describes the service, and prints what is left to do', async () => {
    expect(readFileSync(path.join(project, 'package.json'), 'utf8')).toContain('library-loans');
    const { code, stdout } = await cli('--dir', project);
    expect(code).toBe(0);
    expect(stdout).toContain(`wrote ${path.join(project, 'faultline.config.ts')}`);
    expect(stdout).toMatch(/To do \(\d+, each marked TODO\(faultline init\) in the file\)/);
    expect(stdout).toMatch(
      /\d\. requests: add the writes \(found: POST \/loans, POST \/loans\/:id\/return, DELETE \/members\/:id\)/,
    );
    expect(stdout).toMatch(/\d\. requests: the app checks credentials \(src\/routes.ts\)/);
    const text = readFileSync(path.join(project, 'faultline.config.ts'), 'utf8');
    expect(text).toContain("import { defineTarget } from 'faultline';");
    expect(text).toContain('// TODO(faultline init): add the writes');

    const target = await loadTarget({ cwd: project });
    expect(target.root).toBe(project);
    expect(target.name).toBe('library-loans');
    expect(target.app.command).toEqual(['npx', 'tsx', 'src/main.ts']);
    expect(target.app.inject).toEqual({ databaseUrl: 'LIBRARY_DB', port: 'HTTP_PORT' });
    expect(target.database.pools).toEqual({
      books: 'SELECT "id" FROM "Book"',
      members: 'SELECT "id" FROM "Member"',
      loans: 'SELECT "id" FROM "Loan"',
    });
    expect(target.database.migrate).toEqual({ command: ['npx', 'prisma', 'migrate', 'deploy'] });
    expect(target.health).toEqual({ endpoints: { health: '/healthz', ready: '/readyz' }, ready: 'ready' });
    expect(Object.keys(target.requests)).toEqual(['books', 'books-by-id', 'members-by-id']);
    expect(target.defaultMix).toEqual({ books: 1, 'books-by-id': 1, 'members-by-id': 1 });

    // The reads build real paths from the pools their routes name.
    const context: BuildContext<unknown> = {
      state: undefined,
      pools: { books: [7], members: [9], loans: [] },
      rng: () => 0.5,
      pick: (pool) => (pool === 'books' ? 7 : 9),
      nextKey: () => 'key-1',
    };
    expect(target.requests['books-by-id']?.build(context)).toEqual({
      method: 'GET',
      path: '/books/7',
      route: 'GET /books/:id',
    });
    expect(target.requests['members-by-id']?.build(context)).toMatchObject({ path: '/members/9' });
  });

  it('refuses to overwrite a config (exit 2, the file unchanged), and overwrites it with --force', async () => {
    const file = path.join(project, 'faultline.config.ts');
    const mine = "// my own config\nexport default { name: 'mine' };\n";
    writeFileSync(file, mine);
    const refused = await cli('--dir', project);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${file} already exists; faultline init leaves it as it is (--force overwrites)`);
    expect(readFileSync(file, 'utf8')).toBe(mine);

    expect(await main(['init', '--dir', project, '--force'])).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('export default defineTarget({');
  });

  it('refuses another config file name too', async () => {
    const other = path.join(root, 'other');
    mkdirSync(other);
    writeFileSync(path.join(other, 'package.json'), '{"name":"other"}');
    writeFileSync(path.join(other, 'faultline.config.mjs'), 'export default {};\n');
    expect(await main(['init', '--dir', other])).toBe(2);
  });
});

describe('faultline init on a project it can tell little about', () => {
  it('still writes a config that validates, with a TODO wherever it guessed (as .mts in a CommonJS package)', async () => {
    const bare = path.join(root, 'bare');
    mkdirSync(path.join(bare, 'node_modules'), { recursive: true });
    symlinkSync(REPO, path.join(bare, 'node_modules', 'faultline'), 'dir');
    writeFileSync(
      path.join(bare, 'package.json'),
      JSON.stringify({ name: 'bare', scripts: { start: 'node server.js | tee log' } }),
    );
    writeFileSync(path.join(bare, 'server.js'), 'new Redis({ host: process.env.REDIS_HOST });\napp.listen(3000);\n');
    expect(await main(['init', '--dir', bare])).toBe(0);

    const target = await loadTarget({ cwd: bare });
    expect(target.app).toEqual({ command: ['npm', 'start'], inject: { databaseUrl: 'DATABASE_URL', port: 'PORT' } });
    expect(target.health).toEqual({ endpoints: { ready: '/' }, ready: 'ready' });
    expect(Object.keys(target.requests)).toEqual(['root']);
    // Without "type": "module" a .ts config would load as CommonJS, which cannot import Faultline.
    const text = readFileSync(path.join(bare, 'faultline.config.mts'), 'utf8');
    const todos = text.split('\n').filter((line) => line.includes('// TODO(faultline init):'));
    const starts = [
      "give the app's own command", // npm in between hides the app's pid
      'no database URL variable found',
      'the app reads REDIS_HOST, but Faultline gives Redis as one URL',
      'no port variable found',
      'no Prisma schema found: give the command', // migrate
      'no seed found',
      'no Prisma schema found: add pools',
      'no health route found',
      'no GET route found',
      'add the writes, each of kind',
    ];
    expect(todos).toEqual(starts.map((start) => expect.stringContaining(`// TODO(faultline init): ${start}`)));
  });
});

describe('faultline init on bad input', () => {
  it('exits 2 for a folder without package.json, writing nothing', async () => {
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    const { code, stderr } = await cli('--dir', empty);
    expect(code).toBe(2);
    expect(stderr).toContain(`no package.json in ${empty}`);
    expect(() => readFileSync(path.join(empty, 'faultline.config.ts'))).toThrow(/ENOENT/);
  });

  it('exits 2 for a bad flag or a folder that does not exist', async () => {
    expect(await main(['init', '--frobnicate'])).toBe(2);
    expect(await main(['init', '--dir', path.join(root, 'nowhere')])).toBe(2);
    expect(await main(['init', 'somewhere'])).toBe(2);
  });
});

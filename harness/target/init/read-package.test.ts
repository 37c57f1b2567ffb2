// The package.json reader: the app's start command becomes an argv Faultline runs itself (no shell, no
// npm in between to hide the pid), with a TODO for what it had to leave out or guess.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/exit-codes.ts';
import { parseScript, readPackage, startCommand } from './read-package.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'faultline-init-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const writePackage = (json: unknown): void =>
  writeFileSync(path.join(dir, 'package.json'), typeof json === 'string' ? json : JSON.stringify(json));

describe('readPackage', () => {
  it('reads the name (without its scope), the scripts, main and the prisma key', () => {
    writePackage({
      name: '@acme/orders-api',
      main: 'dist/index.js',
      scripts: { start: 'node dist/index.js', broken: 42 },
      prisma: { schema: 'db/schema.prisma', seed: 'tsx db/seed.ts' },
    });
    expect(readPackage(dir)).toEqual({
      name: 'orders-api',
      scripts: { start: 'node dist/index.js' },
      main: 'dist/index.js',
      esm: false,
      prisma: { schema: 'db/schema.prisma', seed: 'tsx db/seed.ts' },
    });
    writePackage({ type: 'module' });
    expect(readPackage(dir)).toMatchObject({ name: path.basename(dir), esm: true });
  });

  it('refuses a folder without package.json, or with one that is not JSON, as bad input', () => {
    expect(() => readPackage(dir)).toThrow(UsageError);
    expect(() => readPackage(dir)).toThrow(/no package.json in .*pass --dir DIR/);
    writePackage('{ "name": ');
    expect(() => readPackage(dir)).toThrow(/package.json is not valid JSON/);
  });
});

describe('parseScript', () => {
  it.each([
    ['tsx src/main.ts', ['npx', 'tsx', 'src/main.ts']],
    ['node dist/x.js', ['node', 'dist/x.js']],
    ['node --enable-source-maps dist/x.js', ['node', '--enable-source-maps', 'dist/x.js']],
    ['npx tsx src/main.ts', ['npx', 'tsx', 'src/main.ts']],
    ['ts-node src/main.ts', ['npx', 'ts-node', 'src/main.ts']],
    ['next start', ['npx', 'next', 'start']],
  ])('%s → %j', (script, argv) => {
    expect(parseScript(script, {})?.argv).toEqual(argv);
  });

  it('keeps the steps before the app apart, and its variables as the env', () => {
    expect(parseScript('prisma generate && NODE_ENV=production PORT=8080 node dist/x.js', {})).toEqual({
      argv: ['node', 'dist/x.js'],
      env: { NODE_ENV: 'production', PORT: '8080' },
      before: ['prisma generate'],
    });
    expect(parseScript('cross-env NODE_ENV=production node x.js', {})?.env).toEqual({ NODE_ENV: 'production' });
  });

  it('follows npm run and yarn to the script they name', () => {
    const scripts = { serve: 'node dist/server.js', build: 'tsc', prod: 'npm run build && npm run serve' };
    expect(parseScript('npm run prod', scripts)).toMatchObject({
      argv: ['node', 'dist/server.js'],
      before: ['npm run build'],
    });
    expect(parseScript('yarn serve', scripts)?.argv).toEqual(['node', 'dist/server.js']);
    expect(parseScript('npm run missing', scripts)).toBeUndefined();
  });

  it('drops a watcher, saying so', () => {
    expect(parseScript('tsx watch src/main.ts', {})).toMatchObject({
      argv: ['npx', 'tsx', 'src/main.ts'],
      note: /watcher/,
    });
    expect(parseScript('nodemon -w src src/main.ts', {})?.argv).toEqual(['npx', 'tsx', 'src/main.ts']);
    expect(parseScript('node --watch server.js', {})?.argv).toEqual(['node', 'server.js']);
  });

  it('gives up on what only a shell runs', () => {
    expect(parseScript('node x.js | pino-pretty', {})).toBeUndefined();
    expect(parseScript('node x.js > log.txt', {})).toBeUndefined();
    expect(parseScript('node $(cat entry)', {})).toBeUndefined();
  });
});

describe('startCommand', () => {
  it('prefers scripts.start, says where it came from, and names what it left out', () => {
    writePackage({ scripts: { start: 'node scripts/gen.mjs && tsx src/main.ts', dev: 'tsx watch src/main.ts' } });
    const found = startCommand(readPackage(dir), dir);
    expect(found).toMatchObject({ value: ['npx', 'tsx', 'src/main.ts'], from: 'package.json scripts.start' });
    expect(found.todo).toEqual([expect.stringMatching(/first runs `node scripts\/gen.mjs`/)]);
  });

  it('says to build first when the entry file is not built yet', () => {
    writePackage({ scripts: { build: 'tsc', start: 'node dist/main.js' } });
    expect(startCommand(readPackage(dir), dir).todo).toEqual([
      expect.stringMatching(/dist\/main.js does not exist yet: run `npm run build`/),
    ]);
  });

  it('says when the start command runs the app as a child process', () => {
    writePackage({ scripts: { start: 'nest start' } });
    expect(startCommand(readPackage(dir), dir)).toMatchObject({
      value: ['npx', 'nest', 'start'],
      todo: [expect.stringMatching(/^nest runs the app as a child process, out of reach of kill faults/)],
    });
  });

  it('falls back to main, then to npm start with a TODO about the hidden pid', () => {
    writePackage({ main: 'src/server.ts' });
    const main = startCommand(readPackage(dir), dir);
    expect(main).toMatchObject({ value: ['npx', 'tsx', 'src/server.ts'], from: 'package.json main' });
    expect(main.todo).toBeUndefined();
    writePackage({ scripts: { start: 'node x.js | tee log' } });
    const fallback = startCommand(readPackage(dir), dir);
    expect(fallback.value).toEqual(['npm', 'start']);
    expect(fallback.todo).toMatch(/wrapper process that hides the app's pid from kill faults/);
  });
});

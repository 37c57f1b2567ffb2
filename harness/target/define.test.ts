import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHOP_TARGET_FIELDS } from '../testing/shop-target.ts';
import { defineScenario } from '../scenario/define.ts';
import { defineTarget, TargetError } from './define.ts';
import { assertScenariosFit } from './fit.ts';
import { loadTarget } from './load-target.ts';
import type { TargetDefinition } from './types.ts';

const VALID: TargetDefinition = {
  name: 'shop',
  app: { command: ['node', 'server.js'], inject: { databaseUrl: 'SHOP_DB', port: 'SHOP_PORT' } },
  database: { migrate: { sql: 'schema.sql' }, pools: { products: 'SELECT id FROM product' } },
  health: { endpoints: { ready: '/ready' }, ready: 'ready' },
  requests: {
    'products.get': { kind: 'read', build: ({ pick }) => ({ method: 'GET', path: `/products/${pick('products')}` }) },
  },
  defaultMix: { 'products.get': 1 },
};

function problems(definition: unknown): string[] {
  try {
    defineTarget(definition as TargetDefinition);
  } catch (error) {
    if (error instanceof TargetError) return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
    throw error;
  }
  return [];
}

describe('defineTarget', () => {
  it('accepts a whole definition and returns it as it is', () => {
    expect(defineTarget(VALID)).toBe(VALID);
  });

  it('accepts a container as a Dockerfile to build or an image to run', () => {
    const dockerfile = { dockerfile: 'Dockerfile', context: '.', nodeImageArg: 'NODE_IMAGE', port: 8080 };
    expect(problems({ ...VALID, app: { ...VALID.app, container: dockerfile } })).toEqual([]);
    expect(
      problems({ ...VALID, app: { ...VALID.app, container: { image: 'shop:1', env: { HOST: '0.0.0.0' } } } }),
    ).toEqual([]);
  });

  it.each([
    [
      'no command',
      { ...VALID, app: { ...VALID.app, command: [] } },
      'app.command: expected the command as a non-empty list',
    ],
    [
      'a variable name that is not one',
      { ...VALID, app: { ...VALID.app, inject: { databaseUrl: 'shop-db', port: 'PORT' } } },
      'app.inject.databaseUrl: expected an environment variable name',
    ],
    ['a step of no known form', { ...VALID, database: { migrate: 'prisma migrate deploy' } }, 'database.migrate'],
    [
      'a ready endpoint it does not list',
      { ...VALID, health: { endpoints: { live: '/live' }, ready: 'ready' } },
      "health.ready: expected one of the endpoints' names (live)",
    ],
    [
      'a health path without its slash',
      { ...VALID, health: { endpoints: { ready: 'ready' }, ready: 'ready' } },
      'health.endpoints.ready: expected a path starting with "/"',
    ],
    ['a request of no kind', { ...VALID, requests: { x: { kind: 'lookup', build: () => ({}) } } }, 'requests.x.kind'],
    ['a log format it cannot read', { ...VALID, logs: { format: 'xml' } }, "logs.format: expected 'json'"],
    [
      'a fatal startup line of no known form',
      { ...VALID, startup: { fatalExitCode: 1, fatalLog: 42 } },
      'startup.fatalLog: expected an event name, a RegExp',
    ],
    ['an exit code out of range', { ...VALID, startup: { fatalExitCode: 300 } }, 'startup.fatalExitCode'],
    [
      'a mix naming no request',
      { ...VALID, defaultMix: { 'products.list': 1 } },
      'defaultMix.products.list: expected a request name (products.get)',
    ],
    [
      'a mix of zero weights',
      { ...VALID, defaultMix: { 'products.get': 0 } },
      'defaultMix: expected at least one request with a positive weight',
    ],
    [
      'writes with no way to read them back',
      {
        ...VALID,
        requests: { ...VALID.requests, buy: { kind: 'write', build: () => ({ method: 'POST', path: '/buy' }) } },
      },
      'writes: expected writes.readBack: requests buy are writes',
    ],
    ['a field it does not know', { ...VALID, healthcheck: '/ready' }, 'healthcheck'],
    [
      'a container of neither form',
      { ...VALID, app: { ...VALID.app, container: { build: '.' } } },
      'app.container: expected { dockerfile: "Dockerfile", context?: "." } or { image: "name:tag" }',
    ],
    [
      'a container port out of range',
      { ...VALID, app: { ...VALID.app, container: { image: 'shop:1', port: 70_000 } } },
      'app.container',
    ],
  ])('refuses %s, naming the field', (_label, definition, expected) => {
    expect(problems(definition).join('\n')).toContain(expected);
  });
});

describe('loadTarget', () => {
  const dirs: string[] = [];
  const folder = (files: Record<string, string>): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'faultline-target-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const config = (body: string): string =>
    `import { defineTarget } from 'faultline';\nexport default defineTarget(${body});\n`;
  const valid = `{\n  ${SHOP_TARGET_FIELDS}\n}`;

  it("finds faultline.config.ts in the folder, imports 'faultline' from anywhere, and resolves paths from it", async () => {
    const cwd = folder({ 'faultline.config.ts': config(valid) });
    const target = await loadTarget({ cwd });
    expect(target).toMatchObject({ name: 'shop', root: cwd });
  });

  it('says how to get a config when there is none, and names a --target file that is not there (exit 2)', async () => {
    const cwd = folder({});
    await expect(loadTarget({ cwd })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('faultline init'),
    });
    await expect(loadTarget({ cwd, file: 'nope.ts' })).rejects.toMatchObject({
      exitCode: 2,
      message: '--target nope.ts: no such file',
    });
  });

  it('names the file and the field of a config that does not validate', async () => {
    const cwd = folder({ 'my.config.ts': config(valid.replace("ready: 'ready' }", "ready: 'live' }")) });
    await expect(loadTarget({ cwd, file: 'my.config.ts' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^my\.config\.ts: health\.ready: expected one of the endpoints' names/),
    });
    const plain = folder({ 'faultline.config.mjs': `export default { name: 'x' };\n` });
    await expect(loadTarget({ cwd: plain })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('faultline.config.mjs: 5 problems'),
    });
    const broken = folder({ 'faultline.config.ts': 'export default {' });
    await expect(loadTarget({ cwd: broken })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('faultline.config.ts: could not be loaded'),
    });
  });
});

describe('assertScenariosFit', () => {
  const target = { ...VALID, root: '/' };
  it('refuses a scenario whose mix names a request the target does not have, before anything starts', () => {
    const scenario = defineScenario({
      name: 'x',
      description: 'A load mix written for another app, whose requests this target does not have.',
      duration: '5s',
      load: { rate: 1, mix: { 'products.get': 1, 'events.list': 1 } },
      checks: { 'no-crash': true },
    });
    expect(() => assertScenariosFit(target, [scenario])).toThrow(
      expect.objectContaining({
        exitCode: 2,
        message: 'x: load.mix.events.list: expected a request of the target "shop" (products.get)',
      }),
    );
    const unknownEndpoint = defineScenario({
      name: 'z',
      description: 'Polls a health endpoint by a name the target does not give any endpoint.',
      duration: '5s',
      probes: { health: ['healthz'] },
      checks: { 'no-crash': true },
    });
    expect(() => assertScenariosFit(target, [unknownEndpoint])).toThrow(
      'z: probes.health[0]: expected a health endpoint of the target "shop" (ready); got "healthz"',
    );
    const fits = defineScenario({
      name: 'y',
      description: 'The default mix of whatever target it runs against, with no names of its own.',
      duration: '5s',
      load: { rate: 1 },
      checks: { 'no-crash': true },
    });
    expect(() => assertScenariosFit(target, [fits])).not.toThrow();
  });
});

// Scenario and suite files are real modules: write them to a temporary directory and load them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineScenario } from './define.ts';
import { ScenarioError } from './errors.ts';
import { loadScenarioFile, loadScenarioOrSuiteFile, loadSuiteFile } from './load-file.ts';
import { defineSuite } from './suite.ts';

const INDEX = JSON.stringify(fileURLToPath(new URL('./index.ts', import.meta.url)));
let dir: string;
const file = (name: string) => path.join(dir, name);

const GOOD = `import { defineScenario, at, dbDown, dbUp } from ${INDEX};
export default defineScenario({
  name: 'short-outage',
  description: 'The database drops for two seconds under light load.',
  duration: '10s',
  timeline: [at('2s', dbDown()), at('4s', dbUp())],
  load: { rate: 5, mix: { 'events.list': 1 } },
  checks: { 'no-crash': true, 'recovers-within': { withinMs: '5s' } },
});
`;

// The same kind of scenario as data: faults are { type, ...options }, checked by the registry's schemas.
const YAML = `name: yaml-latency
description: The database answers slowly for a few seconds under light load.
duration: 10s
timeline:
  - { step: during, from: 2s, until: 5s, fault: { type: dbLatency, latencyMs: 300 } }
  - { step: at, at: 6s, fault: { type: dbDown } }
  - { step: at, at: 8s, fault: { type: dbUp } }
load: { rate: 5, mix: { events.list: 1 } }
checks: { no-crash: true }
`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'faultline-scenarios-'));
  await writeFile(file('latency.yaml'), YAML);
  await writeFile(file('typo.yaml'), YAML.replace('latencyMs: 300', 'lantencyMs: 300'));
  await writeFile(file('unknown.yaml'), YAML.replace('type: dbDown', 'type: dbMelt'));
  await writeFile(
    file('bad-option.json'),
    JSON.stringify({
      name: 'json-kill',
      description: 'The app is killed with a signal it does not take.',
      duration: '5s',
      timeline: [{ step: 'at', at: '1s', fault: { type: 'appKill', signal: 'SIGHUP' } }],
      checks: { 'no-crash': true },
    }),
  );
  await writeFile(file('good.ts'), GOOD);
  await writeFile(file('bad-field.ts'), GOOD.replace("at('4s', dbUp())", "at('4 s', dbUp())"));
  await writeFile(file('no-default.ts'), 'export const scenario = 1;\n');
  await writeFile(file('throws.ts'), "throw new Error('boom');\n");
  await writeFile(
    file('suite.ts'),
    `import { defineSuite } from ${INDEX};\nimport good from './good.ts';\nexport default defineSuite({ name: 'ci', scenarios: [good] });\n`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function errorOf(promise: Promise<unknown>): Promise<ScenarioError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ScenarioError);
  return error as ScenarioError;
}

describe('loading scenario files', () => {
  it('loads a scenario and remembers its file', async () => {
    const scenario = await loadScenarioFile(file('good.ts'));
    expect(scenario).toMatchObject({ name: 'short-outage', durationMs: 10_000, file: file('good.ts') });
    expect(scenario.plan).toHaveLength(2);
  });

  it('names the file, the field and the expectation for a bad scenario', async () => {
    const error = await errorOf(loadScenarioFile(file('bad-field.ts')));
    expect(error.file).toBe(file('bad-field.ts'));
    expect(error.message).toBe(
      `${file('bad-field.ts')}: timeline[1].at: expected a duration such as '250ms', '5s', '2m', '1m30s' or a number of milliseconds ≥ 0, got "4 s"`,
    );
  });

  it('refuses a file without a defineScenario default export, a missing file, and a file that throws', async () => {
    expect((await errorOf(loadScenarioFile(file('no-default.ts')))).message).toContain(
      '(default export): expected `export default defineScenario({...})`',
    );
    expect((await errorOf(loadScenarioFile(file('missing.ts')))).message).toContain(
      'expected an existing scenario file',
    );
    expect((await errorOf(loadScenarioFile(file('throws.ts')))).message).toContain(
      'the file could not be loaded: boom',
    );
  });

  it('loads a suite, and tells scenarios from suites', async () => {
    const suite = await loadSuiteFile(file('suite.ts'));
    expect(suite).toMatchObject({ name: 'ci', description: '', file: file('suite.ts') });
    expect(suite.scenarios.map((s) => s.name)).toEqual(['short-outage']);
    expect((await loadScenarioOrSuiteFile(file('good.ts'))).kind).toBe('scenario');
    expect((await loadScenarioOrSuiteFile(file('suite.ts'))).kind).toBe('suite');
    await errorOf(loadSuiteFile(file('good.ts')));
  });
});

describe('loading scenarios written as data', () => {
  it('loads a YAML scenario, its faults planned and its needs derived like a module', async () => {
    const scenario = await loadScenarioFile(file('latency.yaml'));
    expect(scenario).toMatchObject({ name: 'yaml-latency', durationMs: 10_000, file: file('latency.yaml') });
    expect(scenario.plan.map((action) => `${action.action} ${action.window}`)).toEqual([
      'apply dbLatency#1',
      'revert dbLatency#1',
      'apply dbDown#1',
      'apply dbUp#1',
    ]);
    expect(scenario.timeline[0]?.fault).toEqual({
      type: 'dbLatency',
      latencyMs: 300,
      jitterMs: 0,
      stream: 'downstream',
      toxicity: 1,
    });
    expect((await loadScenarioOrSuiteFile(file('latency.yaml'))).kind).toBe('scenario');
  });

  it('names the file, the fault and the field of a bad fault', async () => {
    expect((await errorOf(loadScenarioFile(file('typo.yaml')))).message).toBe(
      [
        `${file('typo.yaml')}: 2 problems`,
        '  - timeline[0].fault.latencyMs: dbLatency: expected latencyMs as a number',
        '  - timeline[0].fault: dbLatency: unknown field(s) "lantencyMs"; expected type, latencyMs, jitterMs, stream, toxicity, effect',
      ].join('\n'),
    );
    expect((await errorOf(loadScenarioFile(file('unknown.yaml')))).message).toMatch(
      /unknown\.yaml: timeline\[1\]\.fault\.type: expected a fault built with a helper \(type one of appKill, appRestart, appStart, dbBandwidth, dbDown, /,
    );
    expect((await errorOf(loadScenarioFile(file('bad-option.json')))).message).toMatch(
      /bad-option\.json: timeline\[0\]\.fault\.signal: appKill: /,
    );
  });
});

describe('defineSuite', () => {
  const scenario = defineScenario({
    name: 'one',
    description: 'A scenario for the suite tests.',
    duration: '1s',
    checks: { 'no-crash': true },
  });

  it('refuses duplicates, plain objects and empty suites', () => {
    expect(() => defineSuite({ name: 'ci', scenarios: [scenario, scenario] })).toThrow(
      /scenarios\[1\]: expected unique scenario names; "one" appears twice/,
    );
    expect(() => defineSuite({ name: 'ci', scenarios: [{ ...scenario }] })).toThrow(
      /scenarios\[0\]: expected a scenario made with defineScenario/,
    );
    expect(() => defineSuite({ name: 'ci', scenarios: [] })).toThrow(/expected at least one scenario/);
    expect(defineSuite({ name: 'ci', description: 'all', scenarios: [scenario] }).scenarios).toHaveLength(1);
  });
});

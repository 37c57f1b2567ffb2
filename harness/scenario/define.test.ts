import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors.ts';
import { defineScenario, isScenario, scenarioFacts } from './define.ts';
import { appKill, appRestart, dbDown, dbLatency, dbLockTable, dbUp, postgresStop, rollingRestart } from './faults.ts';
import { afterReady, at, during, every } from './steps.ts';
import type { ScenarioInput } from './types.ts';

const base: ScenarioInput = {
  name: 'db-outage-under-load',
  description: 'The database disappears for five seconds while the API serves traffic.',
  duration: '30s',
  timeline: [
    at('5s', dbDown()),
    at('10s', dbUp()),
    during('15s', '20s', dbLatency({ latencyMs: 800 })),
    every('2s', dbDown(), { from: '22s', until: '26s' }),
  ],
  load: { rate: 50, mix: { 'events.list': 3, 'tickets.create': 1, 'artists.update-missing': 1 } },
  checks: {
    'no-crash': true,
    'status-allowlist': { steady: ['2xx', 404] },
    'recovers-within': { withinMs: '5s', consecutive: 3 },
    latency: { steady: ['p(95)<500'] },
  },
};

function problems(input: unknown): { path: string; message: string }[] {
  try {
    defineScenario(input as ScenarioInput);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).code).toBe('SCENARIO_INVALID');
    return (error as ScenarioError).problems;
  }
  throw new Error('expected a ScenarioError');
}

describe('defineScenario', () => {
  it('validates once into a frozen scenario with ms, defaults, a fault plan and parsed check options', () => {
    const scenario = defineScenario(base);
    expect(isScenario(scenario)).toBe(true);
    expect(Object.isFrozen(scenario)).toBe(true);
    expect(scenario).toMatchObject({
      name: 'db-outage-under-load',
      durationMs: 30_000,
      graceMs: 5_000,
      needs: { redis: false, processControl: false, postgresControl: false },
      app: { startAtMs: 0, env: {}, expect: 'ready', instances: 1 },
      clock: 'start',
    });
    expect(scenario.timeline[2]).toEqual({
      step: 'during',
      anchor: 'start',
      fromMs: 15_000,
      untilMs: 20_000,
      fault: { type: 'dbLatency', latencyMs: 800, jitterMs: 0, stream: 'downstream', toxicity: 1 },
    });
    expect(scenario.timeline[3]).toMatchObject({
      step: 'every',
      everyMs: 2_000,
      holdForMs: 1_000,
      fromMs: 22_000,
      untilMs: 26_000,
    });
    expect(scenario.plan.map((a) => `${a.atMs} ${a.action} ${a.window}`)).toEqual([
      '5000 apply dbDown#1',
      '10000 apply dbUp#1',
      '15000 apply dbLatency#1',
      '20000 revert dbLatency#1',
      '22000 apply dbDown#2',
      '23000 revert dbDown#2',
      '24000 apply dbDown#3',
      '25000 revert dbDown#3',
    ]);
    expect(scenario.load).toMatchObject({
      startAtMs: 0,
      arrival: { type: 'constant', ratePerSec: 50, durationMs: 30_000 },
      maxInFlight: 200,
    });
    expect(scenario.checks.map((c) => c.name)).toEqual(['no-crash', 'status-allowlist', 'recovers-within', 'latency']);
    expect(scenario.checks[2]?.options).toEqual({
      withinMs: 5_000,
      consecutive: 3,
      targets: ['database', 'redis', 'app'],
    });
    expect(scenario.checks[3]?.options).toMatchObject({
      thresholds: [{ scope: 'steady', threshold: { source: 'p(95)<500', aggregate: 'p', percentile: 95 } }],
    });
    expect(scenarioFacts(scenario)).toEqual({ name: 'db-outage-under-load', graceMs: 5_000, expectFailFast: false });
  });

  it('counts afterReady steps from readiness and puts the run on the ready clock', () => {
    const scenario = defineScenario({
      ...base,
      timeline: [at('0s', dbDown()), at('2s', dbUp()), during(afterReady('2s'), afterReady('9s'), dbDown())],
    });
    expect(scenario.clock).toBe('ready');
    expect(scenario.timeline[2]).toMatchObject({ step: 'during', anchor: 'ready', fromMs: 2_000, untilMs: 9_000 });
    expect(scenario.plan.map((a) => `${a.anchor} ${a.atMs} ${a.action} ${a.window}`)).toEqual([
      'start 0 apply dbDown#1',
      'start 2000 apply dbUp#1',
      'ready 2000 apply dbDown#2',
      'ready 9000 revert dbDown#2',
    ]);
    expect(defineScenario({ ...base, timeline: [], clock: 'ready' }).clock).toBe('ready');
  });

  it('polls every health endpoint unless told which, and validates a table lock', () => {
    // Unless told which, every endpoint the target polls (known when the run starts).
    expect(defineScenario(base).probes).toEqual({});
    const idle = defineScenario({
      ...base,
      probes: { health: ['health'] },
      timeline: [during('1s', '3s', dbLockTable({ table: 'artists' }))],
      checks: { 'health-truthful': { lagMs: '5s', endpoints: ['health'] } },
    });
    expect(idle.probes).toEqual({ health: ['health'] });
    expect(idle.timeline[0]?.fault).toEqual({ type: 'dbLockTable', table: 'artists' });
    expect(idle.needs).toEqual({ redis: false, processControl: false, postgresControl: false });
  });

  it('derives needs from the faults and stringifies app env', () => {
    const scenario = defineScenario({
      ...base,
      timeline: [at('1s', postgresStop({ mode: 'immediate' })), at('3s', appRestart()), during('5s', '6s', appKill())],
      app: { startAt: '2s', env: { DB_CONNECT_MAX_RETRIES: 2, LOG_LEVEL: 'debug' } },
      load: undefined,
    });
    expect(scenario.needs).toEqual({ redis: false, processControl: true, postgresControl: true });
    expect(scenario.app).toEqual({
      startAtMs: 2_000,
      env: { DB_CONNECT_MAX_RETRIES: '2', LOG_LEVEL: 'debug' },
      expect: 'ready',
      instances: 1,
    });
    expect(scenario.load).toBeNull();
  });

  it.each<[string, unknown, { path: string; message: RegExp }]>([
    ['a bad name', { ...base, name: 'DB Outage' }, { path: 'name', message: /expected a kebab-case name/ }],
    [
      'a missing description',
      { ...base, description: undefined },
      { path: 'description', message: /expected a description/ },
    ],
    [
      'a bad duration',
      { ...base, duration: '30 seconds' },
      { path: 'duration', message: /expected a duration such as '250ms'.*got "30 seconds"/ },
    ],
    [
      'a bad step time',
      { ...base, timeline: [at('5 s', dbDown())] },
      { path: 'timeline[0].at', message: /expected a duration/ },
    ],
    [
      'a step after the end',
      { ...base, timeline: [at('40s', dbDown())] },
      { path: 'timeline[0].at', message: /within the run's duration \(30000 ms\), got 40000 ms/ },
    ],
    [
      'a window that ends before it starts',
      { ...base, timeline: [during('8s', '3s', dbDown())] },
      { path: 'timeline[0].until', message: /after from/ },
    ],
    [
      'a one-off action in during()',
      { ...base, timeline: [during('1s', '3s', dbUp())] },
      { path: 'timeline[0].fault', message: /can be reverted.*dbUp is a one-off action — use at\(\)/ },
    ],
    [
      'a typo in a fault field',
      { ...base, timeline: [during('1s', '3s', { type: 'dbLatency', lantencyMs: 800 } as never)] },
      { path: 'timeline[0].fault', message: /unknown field\(s\) "lantencyMs"; expected type, latencyMs/ },
    ],
    [
      'a missing fault field',
      { ...base, timeline: [during('1s', '3s', { type: 'dbLatency' })] },
      { path: 'timeline[0].fault.latencyMs', message: /expected latencyMs as a number/ },
    ],
    [
      'an unknown fault type',
      { ...base, timeline: [at('1s', { type: 'dbExplode' } as never)] },
      {
        path: 'timeline[0].fault.type',
        message: /expected a fault built with a helper \(type one of appKill, appRestart, .*dbDown, dbExecute, .*dbUp/,
      },
    ],
    [
      'a hand-written step',
      { ...base, timeline: [{ when: '1s' }] },
      { path: 'timeline[0].step', message: /expected a step built with at\(/ },
    ],
    [
      'flapping that never rests',
      { ...base, timeline: [every('1s', dbDown(), { from: '1s', until: '5s', holdFor: '1s' })] },
      { path: 'timeline[0].holdFor', message: /between 0 and the period/ },
    ],
    [
      'an unknown check',
      { ...base, checks: { 'no-crsh': true } },
      { path: 'checks', message: /unknown check\(s\) "no-crsh"; expected one of no-crash, / },
    ],
    [
      'a bad threshold',
      { ...base, checks: { latency: { steady: ['p95<500'] } } },
      { path: 'checks.latency.steady[0]', message: /invalid threshold "p95<500"/ },
    ],
    [
      'a check missing its bound',
      { ...base, checks: { 'recovers-within': true } },
      { path: 'checks.recovers-within.withinMs', message: /expected a duration/ },
    ],
    ['no checks', { ...base, checks: {} }, { path: 'checks', message: /at least one check/ }],
    [
      'an unknown top-level field',
      { ...base, chekcs: {} },
      { path: '(root)', message: /unknown field\(s\) "chekcs"; expected one of name, description/ },
    ],
    [
      'load past the end',
      { ...base, load: { rate: 10, startAt: '20s', duration: '20s' } },
      { path: 'load', message: /ends at 40000 ms, the run lasts 30000 ms/ },
    ],
    [
      'a table name that is not one',
      { ...base, timeline: [during('1s', '3s', dbLockTable({ table: 'events; DROP TABLE users' }))] },
      { path: 'timeline[0].fault.table', message: /expected a table name/ },
    ],
    [
      'no health endpoint to poll',
      { ...base, probes: { health: [] } },
      { path: 'probes.health', message: /at least one health endpoint/ },
    ],
    [
      'health judged on an endpoint nobody polls',
      {
        ...base,
        probes: { health: ['health'] },
        checks: { 'health-truthful': { lagMs: '5s', endpoints: ['db-check'] } },
      },
      { path: 'checks.health-truthful.endpoints', message: /not polled: db-check/ },
    ],
    [
      'an env name',
      { ...base, app: { env: { 'db-url': 'x' } } },
      { path: 'app.env.db-url', message: /UPPER_SNAKE_CASE/ },
    ],
    [
      'a window from the process start until after ready',
      { ...base, timeline: [during('1s', afterReady('5s'), dbDown())] },
      { path: 'timeline[0].until', message: /count from the same moment/ },
    ],
    [
      'afterReady steps on the start clock',
      { ...base, clock: 'start', timeline: [at(afterReady('1s'), appKill())] },
      { path: 'clock', message: /expected clock 'ready'/ },
    ],
    [
      'a bad afterReady time',
      { ...base, timeline: [at(afterReady('soon'), appKill())] },
      { path: 'timeline[0].at.afterReady', message: /expected a duration/ },
    ],
    ['no app instance', { ...base, app: { instances: 0 } }, { path: 'app.instances', message: /at least 1/ }],
    [
      'a fraction of an instance',
      { ...base, app: { instances: 1.5 } },
      { path: 'app.instances', message: /whole number of app instances/ },
    ],
    ['too many instances', { ...base, app: { instances: 9 } }, { path: 'app.instances', message: /at most 4/ }],
    [
      'instances as text',
      { ...base, app: { instances: 'two' } },
      { path: 'app.instances', message: /number of app instances as a number/ },
    ],
    [
      'fail-fast without its check',
      { ...base, app: { expect: 'fail-fast' } },
      { path: 'checks', message: /exits-as-documented/ },
    ],
  ])('rejects %s with the field path and what was expected', (_label, input, expected) => {
    const found = problems(input);
    expect(found).toContainEqual({ path: expected.path, message: expect.stringMatching(expected.message) });
  });

  it('reports every problem at once', () => {
    const found = problems({ ...base, name: 'X', duration: 'soon', checks: {} });
    expect(found.map((p) => p.path)).toEqual(expect.arrayContaining(['name', 'duration']));
  });
});

describe('app instances', () => {
  it('defaults to one, takes several, and a rolling restart needs process control', () => {
    expect(defineScenario(base).app.instances).toBe(1);
    const rolling = defineScenario({
      ...base,
      app: { instances: 2 },
      timeline: [at(afterReady('3s'), rollingRestart())],
    });
    expect(rolling.app.instances).toBe(2);
    expect(rolling.needs.processControl).toBe(true);
  });
});

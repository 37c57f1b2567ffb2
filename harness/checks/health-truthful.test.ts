import { describe, expect, it } from 'vitest';
import { fault, probe, timeline, truthfulProbes } from '../timeline/fixtures.ts';
import type { HealthProbe } from '../timeline/types.ts';
import { healthTruthful } from './health-truthful.ts';

const options = healthTruthful.optionsSchema.parse({ lagMs: '1s' });
const evaluate = (health: HealthProbe[]) =>
  healthTruthful.evaluate(timeline({ health, faults: [fault({ fromMs: 5_000, toMs: 10_000 })] }), {
    options,
    scenario: { name: 't', graceMs: 1_000, expectFailFast: false },
  });

/** A truthful app: up until 5.4 s (it notices the outage 400 ms late), down until 10.6 s, then up. */
const truthful = [
  ...truthfulProbes(0, 5_400, 200, true),
  ...truthfulProbes(5_400, 10_600, 200, false),
  ...truthfulProbes(10_600, 15_000, 200, true),
];

describe('health-truthful', () => {
  it('passes a truthful app and measures its lag', () => {
    const result = evaluate(truthful);
    expect(result.passed).toBe(true);
    expect(result.figures).toMatchObject({ maxLagMs: 600, untruthful: 0, outagesUnreported: 0 });
    expect(result.figures.compared).toBeGreaterThan(100);
  });

  it('fails an app whose health always says ok (defect health-always-ok)', () => {
    const result = evaluate(truthfulProbes(0, 15_000, 200, true));
    expect(result.passed).toBe(false);
    expect(result.figures.outagesUnreported).toBe(3);
    expect(result.evidence.firstOffending[0]?.note).toMatch(
      /health "health" → 200 ok at 6s while the database was down/,
    );
  });

  it('fails an app that keeps saying unavailable after the database is back', () => {
    const result = evaluate([...truthfulProbes(0, 5_400, 200, true), ...truthfulProbes(5_400, 15_000, 200, false)]);
    expect(result.passed).toBe(false);
    expect(result.evidence.firstOffending[0]?.note).toContain('while the database was up');
  });

  it('holds a process that has just started to "down" during an outage: ready before connecting is a lie', () => {
    // Restarted at 7 s, into the outage (5-10 s): refused, then it answers (listening early) before it connected.
    const restarted = (health: HealthProbe[]) =>
      healthTruthful.evaluate(
        timeline({
          health,
          faults: [fault({ fromMs: 5_000, toMs: 10_000 })],
          process: [
            { type: 'start', atMs: 0, pid: 1 },
            { type: 'exit', atMs: 7_000, pid: 1, code: 0, signal: null, expected: true },
            { type: 'start', atMs: 7_000, pid: 2 },
          ],
        }),
        { options, scenario: { name: 't', graceMs: 1_000, expectFailFast: false } },
      );
    const before = [...truthfulProbes(0, 5_400, 200, true), ...truthfulProbes(5_400, 7_000, 200, false)];
    const lying = restarted([
      ...before,
      probe({ atMs: 7_000, status: null, errorClass: 'ECONNREFUSED' }),
      ...truthfulProbes(7_100, 10_000, 200, true),
    ]);
    expect(lying.passed).toBe(false);
    expect(lying.evidence.firstOffending[0]?.note).toMatch(/200 ok at 7\.1s while the database was down/);
    // The healthy app refuses until it has connected, and may still say unavailable just after the outage.
    const honest = restarted([
      ...before,
      probe({ atMs: 7_000, status: null, errorClass: 'ECONNREFUSED' }),
      ...truthfulProbes(10_100, 10_600, 200, false),
      ...truthfulProbes(10_600, 15_000, 200, true),
    ]);
    expect(honest.passed).toBe(true);
  });

  it('does not judge probes inside the lag, nor unanswered ones', () => {
    const result = evaluate([
      probe({ atMs: 5_500, endpoint: 'health/detailed', status: 200 }),
      probe({ atMs: 10_500, status: 503 }),
      probe({ atMs: 12_000, status: null, errorClass: 'ECONNREFUSED' }),
    ]);
    expect(result.passed).toBe(false); // nothing could be compared
    expect(result.evidence.counts).toEqual({ 'not judged': 2, unanswered: 1 });
  });
});

describe('health-truthful with redis: true', () => {
  const redisOptions = healthTruthful.optionsSchema.parse({ lagMs: '1s', redis: true });
  const redisOutage = fault({ fromMs: 5_000, toMs: 10_000, kind: 'redisDown', target: 'redis' });
  const evaluateRedis = (health: HealthProbe[]) =>
    healthTruthful.evaluate(timeline({ health, faults: [redisOutage] }), {
      options: redisOptions,
      scenario: { name: 't', graceMs: 1_000, expectFailFast: false },
    });
  /** The database is fine throughout; /health and /health/detailed say how Redis is. */
  const reporting = (fromMs: number, toMs: number, bodyStatus: 'ok' | 'degraded'): HealthProbe[] => {
    const probes: HealthProbe[] = [];
    for (let atMs = fromMs; atMs < toMs; atMs += 200) {
      probes.push(
        probe({ atMs, endpoint: 'health', bodyStatus }),
        probe({ atMs, endpoint: 'health/detailed', bodyStatus }),
        probe({ atMs, endpoint: 'db-check', bodyStatus: 'ok' }),
      );
    }
    return probes;
  };

  it('passes an app that says degraded while Redis is down and ok once it is back, and measures the lag', () => {
    const result = evaluateRedis([
      ...reporting(0, 5_400, 'ok'),
      ...reporting(5_400, 10_800, 'degraded'),
      ...reporting(10_800, 15_000, 'ok'),
    ]);
    expect(result.passed).toBe(true);
    expect(result.figures).toMatchObject({ maxRedisLagMs: 800, untruthful: 0 });
    expect(result.figures.redisCompared).toBeGreaterThan(50);
  });

  it('fails an app that says ok while Redis is down (health-always-ok)', () => {
    const result = evaluateRedis(reporting(0, 15_000, 'ok'));
    expect(result.passed).toBe(false);
    expect(result.evidence.firstOffending[0]?.note).toMatch(
      /health "health" → 200 ok at 6s while Redis was down \(expected degraded\)/,
    );
  });

  it('fails an app that stays degraded after Redis is back', () => {
    const result = evaluateRedis([...reporting(0, 5_400, 'ok'), ...reporting(5_400, 15_000, 'degraded')]);
    expect(result.passed).toBe(false);
    expect(result.evidence.firstOffending[0]?.note).toContain('while Redis was up (expected ok)');
  });

  it('ignores Redis unless asked, and never judges db-check on it', () => {
    const saysOk = reporting(0, 15_000, 'ok');
    expect(
      healthTruthful.evaluate(timeline({ health: saysOk, faults: [redisOutage] }), {
        options,
        scenario: { name: 't', graceMs: 1_000, expectFailFast: false },
      }).passed,
    ).toBe(true);
    const result = evaluateRedis(reporting(0, 15_000, 'degraded').filter((p) => p.endpoint === 'db-check'));
    expect(result.figures.redisCompared).toBe(0);
    expect(result.passed).toBe(false); // nothing about Redis could be compared
  });
});

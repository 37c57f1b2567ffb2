// What a team's own vitest suite does: import Faultline by its package name, describe a short
// scenario with the DSL, run it on the embedded environment (real PostgreSQL, the real app as a
// child process, the embedded fault proxy) and assert with the matcher.
import { describe, expect, it } from 'vitest';
import { dbLatency, defineScenario, during, runScenario } from 'faultline';
import 'faultline/vitest';

const briefLatency = defineScenario({
  name: 'vitest-brief-latency',
  description:
    'A short burst of database latency under light load: nothing crashes, nothing answers a 5xx other than 503.',
  timeline: [during('2s', '3s', dbLatency({ latencyMs: 200 }))],
  duration: '5s',
  load: { rate: 10, mix: { 'events.list': 1, 'events.get': 1 } },
  checks: { 'no-crash': true, 'no-unhandled-errors': true, 'no-5xx-except-503': true },
});

describe('runScenario from the package entry', () => {
  it('runs a scenario on the embedded environment and passes its checks', async () => {
    const result = await runScenario(briefLatency, { seed: 7 });
    expect(result).toMatchObject({
      name: 'vitest-brief-latency',
      seed: 7,
      environment: { kind: 'embedded' },
      gate: { policy: 'default', outcome: 'passed' },
    });
    expect(result.timeline?.samples.length).toBeGreaterThan(30);
    expect(result.timeline?.faults.map((fault) => fault.kind)).toEqual(['dbLatency']);
    expect(result).toPassChecks();
  }, 120_000);

  it("ends as a preflight error, with the app's own words, when the app cannot start", async () => {
    // The app's node imports a module that does not exist before any of the app's own code.
    const result = await runScenario(briefLatency, {
      seed: 7,
      appEnv: { NODE_OPTIONS: '--import=/nonexistent/faultline-preflight/client.mjs' },
    });
    expect(result).toMatchObject({ status: 'error', errorKind: 'preflight', checks: [], timeline: null });
    expect(result.gate?.outcome).toBe('error');
    expect(result.reason).toMatch(/^preflight FAILED: the app exited with code 1 before it became healthy/);
    expect(result.reason).toContain('ERR_MODULE_NOT_FOUND');
    expect(result.reason).toContain('/nonexistent/faultline-preflight/client.mjs');
    expect(result).not.toPassChecks();
  }, 120_000);
});

// End to end, on the embedded environment: the first three scenarios pass against the healthy app,
// and startup-db-late fails — for the right reason — when the app listens before its database.
import { describe, expect, it } from 'vitest';
import dbOutageUnderLoad from '../../scenarios/db-outage-under-load.ts';
import p2025Sweep from '../../scenarios/p2025-sweep.ts';
import startupDbLate from '../../scenarios/startup-db-late.ts';
import type { Scenario } from '../scenario/types.ts';
import { runScenario } from './run-scenario.ts';
import type { ScenarioRunResult } from './types.ts';
import { repoTarget } from '../testing/target.ts';
import { defectsEnv } from '../cli/flags.ts';

const target = await repoTarget();
const run = (scenario: Scenario, defects?: string): Promise<ScenarioRunResult> =>
  runScenario(scenario, {
    runId: `e2e-${scenario.name}`,
    seed: 2026,
    environment: { kind: 'embedded', target },
    loadEngine: 'builtin',
    progress: false,
    appEnv: defectsEnv(target, defects),
  });

function failing(result: ScenarioRunResult): string[] {
  return result.checks.filter((check) => !check.passed).map((check) => `${check.name}: ${check.summary}`);
}

describe('the first scenarios against the healthy app', () => {
  it.each([startupDbLate, dbOutageUnderLoad, p2025Sweep])(
    '$name passes every check',
    async (scenario) => {
      const result = await run(scenario);
      expect(failing(result)).toEqual([]);
      expect(result.status).toBe('passed');
      expect(result.timeline!.samples.length).toBeGreaterThan(100);
    },
    90_000,
  );
});

describe('a defect the harness must catch', () => {
  it('startup-db-late fails with listen-before-db: 500s while the database is unreachable', async () => {
    const result = await run(startupDbLate, 'listen-before-db');
    expect(result.status).toBe('failed');
    const byName = Object.fromEntries(result.checks.map((check) => [check.name, check]));
    expect(byName['no-5xx-except-503']!.passed).toBe(false);
    expect(byName['db-failures-are-503']!.passed).toBe(false);
    expect(byName['no-5xx-except-503']!.evidence.firstOffending[0]).toMatchObject({
      type: 'sample',
      sample: { status: 500 },
    });
    // Not because something else broke: the app stayed up and came ready.
    expect(byName['no-crash']!.passed).toBe(true);
    expect(byName['ready-within']!.passed).toBe(true);
  }, 90_000);
});

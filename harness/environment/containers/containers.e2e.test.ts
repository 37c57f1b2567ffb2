// The containers environment for real, when a Docker engine is reachable: PostgreSQL, Redis, the
// fault proxy and the app each in a container, the images official or built locally (auto: whatever
// this engine has; `npm run images` first where no registry is reachable). The smoke suite and the
// process-fault scenarios pass, and a startup and a runtime defect are caught exactly as the matrix
// says they are in the embedded environment. Without an engine every test is skipped, saying why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFECT_MATRIX } from '../../../target-app/faultline/defect-matrix.ts';
import { judgeCell } from '../../matrix/judge.ts';
import { runScenario } from '../../runner/run-scenario.ts';
import type { ScenarioRunResult } from '../../runner/types.ts';
import type { Scenario } from '../../scenario/types.ts';
import appKillRestart from '../../../scenarios/app-kill-restart.ts';
import dbOutageUnderLoad from '../../../scenarios/db-outage-under-load.ts';
import postgresRestart from '../../../scenarios/postgres-restart.ts';
import redisOutageUnderLoad from '../../../scenarios/redis-outage-under-load.ts';
import smoke from '../../../scenarios/smoke.suite.ts';
import startupDbLate from '../../../scenarios/startup-db-late.ts';
import { applyTestcontainersDefaults, connectContainerRuntime } from './container-runtime.ts';
import { leftoverContainers } from './testing/leftovers.ts';
import { repoTarget } from '../../testing/target.ts';
import { defectsEnv } from '../../cli/flags.ts';

const SEED = 2026;
const SCENARIO_TIMEOUT_MS = 10 * 60_000;

applyTestcontainersDefaults(process.env);
const engine = await connectContainerRuntime({ timeoutMs: 10_000 }).then(
  () => undefined,
  (error: Error) => error.message,
);
if (engine !== undefined) console.log(`containers end-to-end tests skipped: ${engine}`);

async function run(scenario: Scenario, defect?: string): Promise<ScenarioRunResult> {
  const target = await repoTarget();
  return runScenario(scenario, {
    runId: `e2e-containers-${defect ?? 'healthy'}`,
    seed: SEED,
    environment: { kind: 'containers', target },
    loadEngine: 'builtin',
    appEnv: defectsEnv(target, defect),
    progress: false,
  });
}

function failures(result: ScenarioRunResult): string[] {
  return [
    ...(result.reason === undefined ? [] : [`${result.status}: ${result.reason}`]),
    // With its first offending items: on a loaded machine, what went wrong must be readable from here.
    ...result.checks
      .filter((check) => !check.passed)
      .map((check) =>
        [
          `${check.name}: ${check.summary}`,
          ...(check.evidence?.firstOffending ?? []).slice(0, 3).map((item) => `  ${item.note}`),
        ].join('\n'),
      ),
  ];
}

describe.skipIf(engine !== undefined)('the containers environment', () => {
  let before: string[] = [];
  beforeAll(async () => {
    before = await leftoverContainers();
  });
  afterAll(async () => {
    // Everything a run started is gone again (containers of other runs on a shared engine aside).
    expect((await leftoverContainers()).filter((id) => !before.includes(id))).toEqual([]);
  });

  it.each([
    ...smoke.scenarios,
    ...[postgresRestart, appKillRestart, redisOutageUnderLoad].filter(
      (scenario) => !smoke.scenarios.includes(scenario),
    ),
  ])(
    'passes $name',
    async (scenario) => {
      const result = await run(scenario);
      expect(failures(result)).toEqual([]);
      expect(result.environment.kind).toBe('containers');
      expect(result.status).toBe('passed');
    },
    SCENARIO_TIMEOUT_MS,
  );

  it.each([
    { defect: 'listen-before-db' as const, scenario: startupDbLate },
    { defect: 'no-reconnect' as const, scenario: dbOutageUnderLoad },
  ])(
    'catches $defect with $scenario.name, for the reason the matrix states',
    async ({ defect, scenario }) => {
      const expectation = DEFECT_MATRIX[defect].find((cell) => cell.scenario === scenario.name)!;
      const cell = judgeCell(defect, expectation, await run(scenario, defect));
      expect(cell.explanation).toBe(`caught by ${expectation.mustFail.join(', ')}: ${expectation.evidence?.says}`);
      expect(cell.verdict).toBe('caught');
    },
    SCENARIO_TIMEOUT_MS,
  );
});

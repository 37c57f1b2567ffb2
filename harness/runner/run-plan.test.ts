// runPlan is the one way scenarios run. Here on an environment that cannot run the scenario (an
// external app with no Redis proxy, for a scenario that takes Redis down): nothing boots, no
// preflight, the scenario ends skipped with the reason, and a skip is never retried — whatever the
// policy allows. The runs that boot an app go through it in harness/vitest/run-scenario.test.ts
// (the API), the CLI's and the matrix's end-to-end tests.
import { expect, it } from 'vitest';
import { defineGatingPolicy } from '../report/gating/schema.ts';
import { at, defineScenario, redisDown } from '../scenario/index.ts';
import { repoTarget } from '../testing/target.ts';
import { runPlan } from './run-plan.ts';

const redisOutage = defineScenario({
  name: 'plan-redis-outage',
  description: 'Redis goes away a second in; nothing here can run it without a Redis proxy.',
  timeline: [at('1s', redisDown())],
  duration: '3s',
  checks: { 'no-crash': true },
});

it('skips what the environment cannot run, without a preflight or a retry', async () => {
  const told: string[] = [];
  const outcome = await runPlan({
    runId: 'plan-test',
    seed: 7,
    scenarios: [redisOutage],
    environment: {
      kind: 'external',
      target: await repoTarget(),
      // Never contacted: the scenario is skipped before anything starts.
      external: {
        appUrl: 'http://127.0.0.1:9',
        toxiproxyUrl: 'http://127.0.0.1:9',
        databaseUrl: 'postgresql://x@127.0.0.1:9/x',
      },
    },
    loadEngine: 'builtin',
    appEnv: {},
    policy: defineGatingPolicy({ name: 'retrying', description: 'Two retries.', retries: 2 }),
    progress: false,
    on: {
      preflightStart: () => told.push('preflight'),
      attemptStart: (scenario, attempt) => told.push(`${scenario.name} #${attempt}`),
      scenarioEnd: (result) => void told.push(`${result.name}: ${result.status}`),
    },
  });
  expect(told).toEqual(['plan-redis-outage #1', 'plan-redis-outage: skipped']);
  expect(outcome.preflight).toBeUndefined();
  expect(outcome.results).toHaveLength(1);
  expect(outcome.results[0]).toMatchObject({
    status: 'skipped',
    reason: expect.stringContaining('Redis'),
    gate: { outcome: 'skipped', attempts: 1 },
  });
});

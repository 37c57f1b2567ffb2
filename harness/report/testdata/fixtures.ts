// Two real runs, trimmed (app logs cut to the lines checks read): p2025-sweep on the healthy app
// (passes) and startup-db-late with the listen-before-db defect (fails with 500s), both seed 5.
// Reporter tests render them instead of running scenarios.
import { readFileSync } from 'node:fs';
import type { JsonReport } from '../json.ts';
import type { RunResult, ScenarioRunResult } from '../../runner/types.ts';

const read = (name: string): JsonReport =>
  JSON.parse(readFileSync(new URL(`./${name}.report.json`, import.meta.url), 'utf8')) as JsonReport;

export function passingScenario(): ScenarioRunResult {
  return read('passing-p2025-sweep').scenarios[0] as ScenarioRunResult;
}

export function failingScenario(): ScenarioRunResult {
  return read('failing-startup-db-late').scenarios[0] as ScenarioRunResult;
}

/** One run holding both scenarios (ungated), as the runner hands it to the gate. */
export function fixtureRun(): RunResult {
  const failing = read('failing-startup-db-late');
  return {
    runId: failing.runId,
    seed: failing.seed,
    startedAt: failing.startedAt,
    durationMs: 27_000,
    scenarios: [passingScenario(), failingScenario()],
  };
}

export const FIXTURE_META = {
  faultlineVersion: '0.1.0',
  nodeVersion: 'v20.20.0',
  platform: 'linux-x64',
  environment: 'embedded',
  loadEngine: 'builtin',
  command: 'faultline run p2025-sweep startup-db-late --seed 5',
};

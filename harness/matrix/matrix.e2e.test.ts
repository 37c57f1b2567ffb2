// The defect matrix end to end, on the embedded environment: every scenario of the reference app's
// cells (its faultline.config.ts) passes against the healthy app, and every defect is caught by each scenario the matrix names,
// for the stated reason. One file, one run at a time (about 13 minutes): these are the project's
// evidence that its verdicts mean something. On a machine without redis-server (or with
// FAULTLINE_REDIS_SERVER naming none) the scenarios that need Redis cannot run: they must be reported
// skipped with that reason, and the matrix NOT PROVEN — never caught, never passed.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedCapabilities, missingCapabilityReason } from '../runner/environment-factory.ts';
import type { Scenario } from '../scenario/types.ts';
import { resolveCellScenarios, targetMatrix } from './cell-scenarios.ts';
import { runMatrix } from './run-matrix.ts';
import type { MatrixResult } from './types.ts';
import { writeMatrixReports } from './write-reports.ts';
import { repoTarget } from '../testing/target.ts';

const SEED = 2026;
const target = await repoTarget();
const matrix = targetMatrix(target);
const scenarios = await resolveCellScenarios(target, matrix);
const named: Scenario[] = [...scenarios.values()];
let result: MatrixResult;
let directory: string;

const capabilities = expectedCapabilities({ kind: 'embedded' });
/** Why this machine cannot run a scenario (e.g. no Redis), or undefined. */
const cannotRun = (name: string): string | undefined => {
  const scenario = named.find((candidate) => candidate.name === name);
  return scenario === undefined ? undefined : missingCapabilityReason(scenario.needs, capabilities, 'embedded');
};
const unrunnable = named.filter((scenario) => cannotRun(scenario.name) !== undefined);
if (unrunnable.length > 0)
  console.warn(
    `matrix.e2e: ${unrunnable.map((scenario) => scenario.name).join(', ')} cannot run here (${cannotRun(unrunnable[0]!.name)}): checking that they and their cells are reported skipped and the matrix NOT PROVEN`,
  );

beforeAll(async () => {
  result = await runMatrix({
    runId: 'e2e-matrix',
    seed: SEED,
    matrix,
    scenarios,
    environment: { kind: 'embedded', target },
  });
  directory = await fs.mkdtemp(path.join(os.tmpdir(), 'faultline-matrix-'));
}, 40 * 60_000);

afterAll(async () => {
  if (directory !== undefined) await fs.rm(directory, { recursive: true, force: true });
});

describe('the healthy app', () => {
  it.each(named.map((scenario) => scenario.name))('passes %s (or says why it cannot run here)', (name) => {
    const healthy = result.healthy.find((candidate) => candidate.scenario === name);
    expect(healthy, `${name} ran`).toBeDefined();
    expect(healthy!.failedChecks.map((check) => `${check.name}: ${check.summary}`)).toEqual([]);
    const reason = cannotRun(name);
    expect(healthy!.reason).toBe(reason);
    expect(healthy!.status).toBe(reason === undefined ? 'passed' : 'skipped');
  });
});

const cells = Object.entries(matrix).flatMap(([defect, expectations]) =>
  expectations.map(({ scenario, evidence }) => ({ defect, scenario, says: evidence?.says })),
);

describe('every defect', () => {
  it.each(cells)('$defect is caught by $scenario (or is reported not run)', ({ defect, scenario, says }) => {
    const cell = result.cells.find((candidate) => candidate.defect === defect && candidate.scenario === scenario);
    expect(cell, `${defect} × ${scenario} ran`).toBeDefined();
    const reason = cannotRun(scenario);
    if (reason !== undefined) {
      expect(cell!.verdict).toBe('skipped');
      expect(cell!.explanation).toBe(`skipped: ${reason}`);
      return;
    }
    const by = `caught by ${cell!.mustFail.map((check) => check.name).join(', ')}`;
    expect(cell!.explanation).toBe(says === undefined ? by : `${by}: ${says}`);
    expect(cell!.verdict).toBe('caught');
  });

  it('passes as a whole (NOT PROVEN where a scenario cannot run), and writes matrix.md and matrix.json', async () => {
    expect(result.summary.filter((summary) => summary.verdict === 'missed').map((summary) => summary.defect)).toEqual(
      [],
    );
    const verdict = unrunnable.length === 0 ? 'passed' : 'not-proven';
    expect(result.verdict).toBe(verdict);
    expect(result.passed).toBe(verdict === 'passed');
    const [markdown, json] = await writeMatrixReports(directory, result);
    expect(await fs.readFile(markdown!, 'utf8')).toMatch(
      verdict === 'passed' ? /^# Defect matrix — PASSED/ : /^# Defect matrix — NOT PROVEN/,
    );
    expect(JSON.parse(await fs.readFile(json!, 'utf8'))).toMatchObject({
      schemaVersion: 1,
      verdict,
      passed: verdict === 'passed',
      seed: SEED,
    });
  });
});

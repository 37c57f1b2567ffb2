// The defect matrix end to end, on the embedded environment: the release suite passes against the
// healthy app, and every defect of the reference app is caught by each scenario the matrix names,
// for the stated reason. One file, one run at a time (about 13 minutes): these are the project's
// evidence that its verdicts mean something.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import release from '../../scenarios/release.suite.ts';
import { DEFECT_MATRIX } from './defect-matrix.ts';
import { runMatrix } from './run-matrix.ts';
import type { DefectName, MatrixResult } from './types.ts';
import { writeMatrixReports } from './write-reports.ts';

const SEED = 2026;
let result: MatrixResult;
let directory: string;

beforeAll(async () => {
  result = await runMatrix({ runId: 'e2e-matrix', seed: SEED, matrix: DEFECT_MATRIX, scenarios: release.scenarios });
  directory = await fs.mkdtemp(path.join(os.tmpdir(), 'faultline-matrix-'));
}, 40 * 60_000);

afterAll(async () => {
  if (directory !== undefined) await fs.rm(directory, { recursive: true, force: true });
});

describe('the healthy app', () => {
  it.each(release.scenarios.map((scenario) => scenario.name))('passes %s', (name) => {
    const healthy = result.healthy.find((candidate) => candidate.scenario === name);
    expect(healthy, `${name} ran`).toBeDefined();
    expect(healthy!.failedChecks.map((check) => `${check.name}: ${check.summary}`)).toEqual([]);
    expect(healthy!.reason).toBeUndefined();
    expect(healthy!.status).toBe('passed');
  });
});

const cells = (Object.entries(DEFECT_MATRIX) as [DefectName, (typeof DEFECT_MATRIX)[DefectName]][]).flatMap(
  ([defect, expectations]) => expectations.map(({ scenario }) => ({ defect, scenario })),
);

describe('every defect', () => {
  it.each(cells)('$defect is caught by $scenario', ({ defect, scenario }) => {
    const cell = result.cells.find((candidate) => candidate.defect === defect && candidate.scenario === scenario);
    expect(cell, `${defect} × ${scenario} ran`).toBeDefined();
    expect(cell!.explanation).toBe(`caught by ${cell!.mustFail.map((check) => check.name).join(', ')}`);
    expect(cell!.verdict).toBe('caught');
  });

  it('passes as a whole, and writes matrix.md and matrix.json', async () => {
    expect(result.summary.filter((summary) => !summary.caught).map((summary) => summary.defect)).toEqual([]);
    expect(result.passed).toBe(true);
    const [markdown, json] = await writeMatrixReports(directory, result);
    expect(await fs.readFile(markdown!, 'utf8')).toMatch(/^# Defect matrix — PASSED/);
    expect(JSON.parse(await fs.readFile(json!, 'utf8'))).toMatchObject({ schemaVersion: 1, passed: true, seed: SEED });
  });
});

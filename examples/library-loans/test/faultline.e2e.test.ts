// Faultline pointed at library-loans as its own team would, from this folder: `faultline run smoke`
// finds faultline.config.ts, starts the service with its own command, migrates and seeds with its own
// SQL, and runs the catalog's smoke suite, which the healthy service passes; `faultline matrix` then
// switches each of its bugs on and runs the cells its config declares, each of which must catch it —
// read from matrix.json, the report a CI job would read.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import target from '../faultline.config.ts';

const EXAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.resolve(EXAMPLE, '..', '..', 'harness', 'bin', 'faultline.js');
const reports = mkdtempSync(path.join(os.tmpdir(), 'library-loans-reports-'));
afterAll(() => rmSync(reports, { recursive: true, force: true }));

/** `faultline <args>` from the example's folder, its reports under `reports/<name>`. */
async function faultline(
  name: string,
  args: string[],
): Promise<{ exitCode: number | undefined; output: string; dir: string }> {
  const dir = path.join(reports, name);
  const run = await execa(process.execPath, [BIN, ...args, '--seed', '31', '--report-dir', dir], {
    cwd: EXAMPLE,
    reject: false,
    all: true,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { exitCode: run.exitCode, output: String(run.all), dir };
}

const latest = <T>(dir: string, file: string): T =>
  JSON.parse(readFileSync(path.join(dir, 'latest', file), 'utf8')) as T;

interface MatrixJson {
  verdict: string;
  defects: string[];
  healthy: { scenario: string; status: string; failedChecks: { name: string; summary: string }[] }[];
  cells: { defect: string; scenario: string; verdict: string; explanation: string }[];
  summary: { defect: string; verdict: string }[];
}

const declared = Object.entries(target.defects?.cells ?? {}).flatMap(([defect, cells]) =>
  cells.map((cell) => ({ defect, scenario: cell.scenario, by: cell.mustFail.join(', '), says: cell.evidence?.says })),
);

/** Three scenarios, each with its own environment: about 70 s here, far more on a busy machine. */
const SMOKE_TIMEOUT_MS = 600_000;
/** The healthy runs of the cells' scenarios, then one run per cell, each booted in preflight first. */
const MATRIX_TIMEOUT_MS = 1_200_000;

describe('faultline, from the example folder', () => {
  it('passes the smoke suite on the healthy service (exit 0)', { timeout: SMOKE_TIMEOUT_MS }, async () => {
    const run = await faultline('smoke', ['run', 'smoke', '--reporter', 'json']);
    const report = latest<{ scenarios: { name: string; checks: { name: string; passed: boolean }[] }[] }>(
      run.dir,
      'report.json',
    );
    const failed = report.scenarios.flatMap((scenario) =>
      scenario.checks.filter((check) => !check.passed).map((check) => `${scenario.name}/${check.name}`),
    );
    expect(report.scenarios.map((scenario) => scenario.name)).toEqual([
      'startup-db-late',
      'db-outage-under-load',
      'p2025-sweep',
    ]);
    expect(failed, run.output).toEqual([]);
    expect(run.exitCode, run.output).toBe(0);
  });

  it(
    'catches each of its bugs with the matrix its config declares (exit 0)',
    { timeout: MATRIX_TIMEOUT_MS },
    async () => {
      const run = await faultline('matrix', ['matrix']);
      const matrix = latest<MatrixJson>(run.dir, 'matrix.json');
      expect(declared.length).toBeGreaterThan(0);
      expect(matrix.defects.sort(), run.output).toEqual(['db-errors-500', 'listen-early', 'p2025-500']);
      // The healthy baseline: each scenario a cell names, passed.
      expect(
        matrix.healthy.map(({ scenario, status, failedChecks }) => ({ scenario, status, failedChecks })),
        run.output,
      ).toEqual(
        [...new Set(declared.map((cell) => cell.scenario))].map((scenario) => ({
          scenario,
          status: 'passed',
          failedChecks: [],
        })),
      );
      // Every declared cell ran and caught its bug, for the reason its evidence states.
      expect(
        matrix.cells.map((cell) => `${cell.defect} × ${cell.scenario}: ${cell.explanation}`),
        run.output,
      ).toEqual(declared.map(({ defect, scenario, by, says }) => `${defect} × ${scenario}: caught by ${by}: ${says}`));
      expect(matrix.summary.map(({ defect, verdict }) => `${defect}: ${verdict}`).sort()).toEqual([
        'db-errors-500: caught',
        'listen-early: caught',
        'p2025-500: caught',
      ]);
      expect(matrix.verdict).toBe('passed');
      expect(run.exitCode, run.output).toBe(0);
    },
  );
});

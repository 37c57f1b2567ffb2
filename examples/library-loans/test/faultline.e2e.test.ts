// Faultline pointed at library-loans as its own team would: `faultline run` from this folder, which
// finds faultline.config.ts, starts the service with its own command, migrates and seeds with its
// own SQL, and judges its own smoke suite. The healthy service passes; each of its bugs is caught,
// by the checks that exist to catch it (the example's defect matrix, as a test).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

const EXAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.resolve(EXAMPLE, '..', '..', 'harness', 'bin', 'faultline.js');
const reports = mkdtempSync(path.join(os.tmpdir(), 'library-loans-reports-'));
afterAll(() => rmSync(reports, { recursive: true, force: true }));

interface Outcome {
  exitCode: number | undefined;
  /** Failed checks, as `scenario/check`. */
  failed: string[];
  output: string;
}

async function smoke(defects?: string): Promise<Outcome> {
  const dir = path.join(reports, defects ?? 'healthy');
  const run = await execa(
    process.execPath,
    [
      BIN,
      'run',
      'scenarios/smoke.suite.ts',
      '--seed',
      '31',
      '--report-dir',
      dir,
      '--reporter',
      'json',
      ...(defects ? ['--defects', defects] : []),
    ],
    { cwd: EXAMPLE, reject: false, all: true, env: { ...process.env, FORCE_COLOR: '0' } },
  );
  const latest = path.join(dir, 'latest', 'report.json');
  const report = JSON.parse(readFileSync(latest, 'utf8')) as {
    scenarios: { name: string; checks: { name: string; passed: boolean }[] }[];
  };
  const failed = report.scenarios.flatMap((scenario) =>
    scenario.checks.filter((check) => !check.passed).map((check) => `${scenario.name}/${check.name}`),
  );
  return { exitCode: run.exitCode, failed, output: String(run.all) };
}

/** Three scenarios, each with its own environment: about 70 s here, far more on a busy machine. */
const SUITE_TIMEOUT_MS = 600_000;

describe('faultline run smoke, from the example folder', { timeout: SUITE_TIMEOUT_MS }, () => {
  it('passes on the healthy service (exit 0)', async () => {
    const outcome = await smoke();
    expect(outcome.failed, outcome.output).toEqual([]);
    expect(outcome.exitCode, outcome.output).toBe(0);
  });

  it.each([
    // Says ready while not connected: /readyz claims the database is up through an outage.
    ['listen-early', ['db-outage-under-load/health-truthful']],
    // Database failures become 500s: the outage's answers are not 503.
    ['db-errors-500', ['db-outage-under-load/db-failures-are-503', 'db-outage-under-load/no-5xx-except-503']],
    // A missing record's P2025 becomes a 500.
    ['p2025-500', ['missing-records/missing-records-are-404', 'missing-records/no-5xx-except-503']],
  ])('catches %s (exit 1), with the checks that exist for it', async (defect, mustFail) => {
    const outcome = await smoke(defect);
    expect(outcome.exitCode, outcome.output).toBe(1);
    expect(outcome.failed, outcome.output).toEqual(expect.arrayContaining(mustFail));
  });
});

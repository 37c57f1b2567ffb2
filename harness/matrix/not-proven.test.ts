// `faultline matrix` on a machine without Redis: the cells that need it cannot run, so the matrix
// proves nothing about them — NOT PROVEN, exit 3, never "caught" and never a pass. Run as a child
// process with FAULTLINE_REDIS_SERVER naming no binary (a machine without redis-server); every
// scenario of `--only redis-critical` needs Redis, so nothing starts and the test is quick.
import { execa } from 'execa';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let reportDir: string | undefined;

afterAll(async () => {
  if (reportDir !== undefined) await fs.rm(reportDir, { recursive: true, force: true });
});

it('reports the cells it could not run as not proven and exits 3', async () => {
  reportDir = await fs.mkdtemp(path.join(os.tmpdir(), 'faultline-matrix-unproven-'));
  const run = await execa(
    process.execPath,
    [
      path.join(ROOT, 'harness', 'bin', 'faultline.js'),
      'matrix',
      '--only',
      'redis-critical',
      '--seed',
      '7',
      '--report-dir',
      reportDir,
    ],
    { cwd: ROOT, env: { FAULTLINE_REDIS_SERVER: '/nonexistent/redis-server', CI: '1' }, reject: false, all: true },
  );
  expect(run.exitCode, run.all).toBe(3);
  expect(run.stdout).toMatch(
    /^MATRIX NOT PROVEN — nothing failed, but not everything ran: healthy × startup-redis-down: needs Redis, and FAULTLINE_REDIS_SERVER=\/nonexistent\/redis-server is not an executable;/m,
  );
  expect(run.stdout).toMatch(/UNPROVEN\s+redis-critical/);
  expect(run.stdout).not.toMatch(/CAUGHT|MATRIX OK/);

  const [runId] = (await fs.readdir(reportDir)).filter((name) => name !== 'latest');
  const json = JSON.parse(await fs.readFile(path.join(reportDir, runId!, 'matrix.json'), 'utf8')) as {
    verdict: string;
    passed: boolean;
    summary: { defect: string; verdict: string; caught: boolean }[];
    cells: { verdict: string }[];
  };
  expect(json).toMatchObject({ verdict: 'not-proven', passed: false });
  expect(json.summary).toEqual([
    { defect: 'redis-critical', verdict: 'not-proven', caught: false, cells: ['skipped', 'skipped'] },
  ]);
  expect(await fs.readFile(path.join(reportDir, runId!, 'matrix.md'), 'utf8')).toMatch(/^# Defect matrix — NOT PROVEN/);
});

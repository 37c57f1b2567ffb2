// A newcomer's first commands on a fresh clone, as CI runs them: `git clone` of this checkout's
// committed HEAD into a temporary directory, `npm ci` there (from npm's cache when it can), nothing
// else done by hand, then the README's first command on one short scenario, then `npx faultline doctor`. The clone has no generated Prisma client and no reports/; the command must make what
// it needs itself and end RELEASE OK. Uncommitted changes of this checkout are not in the clone.
import { execa } from 'execa';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLIENT = path.join('target-app', 'src', 'generated', 'prisma');
/** The shortest scenario of the catalog (10 s of load): the first command, on a short suite. */
const SCENARIO = 'p2025-sweep';
/** npm's words for "the registry could not be reached": a reason to skip, not a failure. */
const UNREACHABLE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network request/;

// The clone runs as on a newcomer's machine: none of this test run's npm or vitest variables.
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(npm_|VITEST|NODE_OPTIONS$)/i.test(name)),
);

let dir: string | undefined;
let skipReason: string | undefined;
let npmCi: Finished | undefined;

interface Finished {
  exitCode: number | undefined;
  /** stdout and stderr, interleaved. */
  all: string;
}

/** A command in the clone; a timeout stops it as Ctrl-C would, so it cleans up after itself. */
async function inClone(file: string, args: string[], timeoutMs: number): Promise<Finished> {
  const result = await execa(file, args, {
    cwd: dir,
    env: { ...cleanEnv, CI: '1' },
    extendEnv: false,
    reject: false,
    all: true,
    timeout: timeoutMs,
    killSignal: 'SIGINT',
    forceKillAfterDelay: 30_000,
  });
  return { exitCode: result.exitCode, all: result.all };
}

beforeAll(async () => {
  const head = await execa('git', ['rev-parse', 'HEAD'], { cwd: ROOT, reject: false });
  if (head.exitCode !== 0) {
    skipReason = `this checkout is not a git repository with a commit (${String(head.stderr || head.message).trim()})`;
    return;
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-fresh-clone-'));
  // mkdtemp makes the directory private (0700); a checkout is readable like any other (as root,
  // PostgreSQL runs as the postgres user, which must reach the binaries under node_modules).
  fs.chmodSync(dir, 0o755);
  await execa('git', ['clone', '--quiet', '--no-checkout', ROOT, dir]);
  await execa('git', ['checkout', '--quiet', '--detach', head.stdout.trim()], { cwd: dir });
  npmCi = await inClone('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], 15 * 60_000);
  if (npmCi.exitCode !== 0 && UNREACHABLE.test(npmCi.all))
    skipReason = `npm ci could not reach the registry: ${npmCi.all.match(UNREACHABLE)?.[0]}`;
  if (skipReason !== undefined) console.warn(`fresh-clone.e2e: skipped — ${skipReason}`);
}, 20 * 60_000);

afterAll(() => {
  if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a fresh clone after npm ci', () => {
  it('has installed, and has no generated client and no reports yet', (context) => {
    if (skipReason !== undefined) context.skip(skipReason);
    expect(npmCi?.exitCode, npmCi?.all).toBe(0);
    expect(fs.existsSync(path.join(dir!, CLIENT))).toBe(false);
    expect(fs.existsSync(path.join(dir!, 'reports', 'latest'))).toBe(false);
  });

  it(
    `runs the first command on ${SCENARIO}: the client is generated, the run ends RELEASE OK`,
    async (context) => {
      if (skipReason !== undefined) context.skip(skipReason);
      const run = await inClone(
        'npx',
        ['faultline', 'run', SCENARIO, '--seed', '1', '--reporter', 'console,json'],
        5 * 60_000,
      );
      expect(run.all).toContain('generating the Prisma client');
      expect(run.all).not.toContain('ERR_MODULE_NOT_FOUND');
      expect(run.all).toMatch(/RELEASE OK/);
      expect(run.exitCode, run.all).toBe(0);
      expect(fs.existsSync(path.join(dir!, CLIENT, 'client.ts'))).toBe(true);
      const report = JSON.parse(fs.readFileSync(path.join(dir!, 'reports', 'latest', 'report.json'), 'utf8')) as {
        scenarios: { name: string; status: string }[];
      };
      expect(report.scenarios.map((scenario) => [scenario.name, scenario.status])).toEqual([[SCENARIO, 'passed']]);
    },
    6 * 60_000,
  );
  it(
    'doctor then says the target is there and built, and that the main job can run',
    async (context) => {
      if (skipReason !== undefined) context.skip(skipReason);
      const doctor = await inClone('npx', ['faultline', 'doctor'], 3 * 60_000);
      expect(doctor.exitCode, doctor.all).toBe(0);
      expect(doctor.all).toMatch(/^ {2}OK\s+Target\s+reference-app \(faultline\.config\.ts\), built$/m);
      expect(doctor.all).toMatch(/^The main job can run here: npm run chaos/m);
    },
    4 * 60_000,
  );
});

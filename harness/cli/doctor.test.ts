// `faultline doctor` as a newcomer runs it, a child process: on this machine as it is (each line
// agrees with what the harness itself detects), and with Redis, Chromium and Docker made absent
// (FAULTLINE_REDIS_SERVER, FAULTLINE_CHROMIUM, a DOCKER_HOST where nothing listens) — each then
// MISSING with what it disables and its fix, and the main job still runnable (exit 0).
import { execa } from 'execa';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeProbe } from '../doctor/probes.ts';
import { findRedisServer } from '../environment/redis/redis-server.ts';
import { freePort } from '../lib/ports.ts';
import { findChromium } from '../report/html/chromium.ts';
import { loadCatalog } from './catalog.ts';
import { repoTarget } from '../testing/target.ts';
import { renderFindings } from './commands/doctor.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'harness', 'bin', 'faultline.js');

async function doctor(env: Record<string, string> = {}) {
  return execa(process.execPath, [BIN, 'doctor'], { cwd: ROOT, env, reject: false, timeout: 120_000 });
}

const line = (stdout: string, name: string): string =>
  stdout.split('\n').find((text) => new RegExp(`^  (OK|MISSING|NOTE)\\s+${name} `).test(text)) ?? '';

describe('faultline doctor', () => {
  it('reports this machine as the harness sees it, and exits 0 when the main job can run', async () => {
    const result = await doctor();
    expect(result.exitCode, result.stderr).toBe(0);
    for (const name of ['Node.js', 'Target', 'PostgreSQL', 'Ports', 'Redis', 'Chromium', 'Docker', 'k6'])
      expect(line(result.stdout, name), name).not.toBe('');
    expect(line(result.stdout, 'Node.js')).toMatch(/^ {2}OK /);
    expect(line(result.stdout, 'PostgreSQL')).toMatch(/^ {2}OK .*PostgreSQL\) \d+/);
    expect(line(result.stdout, 'Redis')).toMatch(findRedisServer() === undefined ? /^ {2}MISSING / : /^ {2}OK /);
    expect(line(result.stdout, 'Chromium')).toMatch(findChromium() === undefined ? /^ {2}MISSING / : /^ {2}OK /);
    expect(result.stdout).toMatch(/^The main job can run here: npm run chaos/m);
  }, 150_000);

  it('names what is missing, what it disables and the fix, when Redis, Chromium and Docker are absent', async () => {
    const closedPort = await freePort();
    const result = await doctor({
      FAULTLINE_REDIS_SERVER: '/nonexistent/redis-server',
      FAULTLINE_CHROMIUM: '/nonexistent/chromium',
      DOCKER_HOST: `tcp://127.0.0.1:${closedPort}`,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    // The catalog's and the repository target's own (doctor reads the target in its folder).
    const redisScenarios = (await loadCatalog(await repoTarget())).scenarios
      .filter((scenario) => scenario.needs.redis)
      .map((scenario) => scenario.name)
      .sort();
    expect(redisScenarios.length).toBeGreaterThan(0);
    expect(line(result.stdout, 'Redis')).toMatch(
      /^ {2}MISSING\s+Redis\s+FAULTLINE_REDIS_SERVER=\/nonexistent\/redis-server is not an executable$/,
    );
    expect(result.stdout).toContain(`disables: the scenarios ${redisScenarios.join(', ')} (skipped)`);
    expect(result.stdout).toContain('fix: apt-get install redis-server');
    expect(line(result.stdout, 'Chromium')).toMatch(
      /^ {2}MISSING\s+Chromium\s+\/nonexistent\/chromium does not exist$/,
    );
    expect(result.stdout).toContain('fix: apt-get install chromium');
    expect(line(result.stdout, 'Docker')).toMatch(
      new RegExp(`^  MISSING\\s+Docker .*DOCKER_HOST=tcp://127.0.0.1:${closedPort}`),
    );
    expect(result.stdout).toContain('disables: --env containers');
    expect(result.stdout).toMatch(
      /^The main job can run here: npm run chaos — it will skip \d+ of \d+ scenario\(s\) here: .*needs Redis/m,
    );
  }, 150_000);
});

describe('the findings', () => {
  it('holds Node.js to the engines field of package.json', () => {
    expect(nodeProbe('20.19.0').status).toBe('ok');
    expect(nodeProbe('22.1.0').status).toBe('ok');
    expect(nodeProbe('20.18.3')).toMatchObject({ status: 'missing', essential: true, disables: 'everything' });
    expect(nodeProbe('18.20.0').fix).toMatch(/install Node\.js 20\.19 or newer/);
  });

  it('prints what a missing thing disables and its fix, and nothing more for what is there', () => {
    expect(
      renderFindings([
        { name: 'Redis', status: 'missing', detail: 'not on PATH', disables: 'x', fix: 'apt-get y', essential: false },
        { name: 'k6', status: 'ok', detail: 'k6 v1', disables: 'z', essential: false },
      ]).split('\n'),
    ).toEqual([
      '  MISSING  Redis  not on PATH',
      '                  disables: x',
      '                  fix: apt-get y',
      '  OK       k6     k6 v1',
    ]);
  });
});

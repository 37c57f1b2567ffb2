// `faultline up` keeps an environment up for hands-on chaos; `faultline inject` (another process)
// finds it through the state file and puts a fault in for a while; Ctrl-C on `up` stops it all.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { isPortOpen } from '../lib/ports.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'harness', 'bin', 'faultline.js');

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const status = async (url: string): Promise<number> => (await fetch(url).catch(() => undefined))?.status ?? 0;

it('up serves an environment, inject faults it through the state file, Ctrl-C stops everything', async () => {
  const up = spawn(process.execPath, [BIN, 'up', '--seed', '9'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  up.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => up.once('exit', resolve));
  try {
    await until(async () => /app\s+(http:\S+)\/api\/v1\/health/.test(out), 60_000);
    const appUrl = /app\s+(http:\S+)\/api\/v1\/health/.exec(out)![1]!;
    const proxyUrl = /toxiproxy API\s+(http:\S+)/.exec(out)![1]!;
    await until(async () => (await status(`${appUrl}/api/v1/db-check`)) === 200, 30_000);

    const inject = spawn(process.execPath, [BIN, 'inject', 'db-down', '--for', '3s'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let injectOut = '';
    inject.stdout.on('data', (chunk: Buffer) => (injectOut += chunk.toString()));
    const injected = new Promise<number | null>((resolve) => inject.once('exit', resolve));
    await until(async () => injectOut.includes('applied'), 15_000);
    await until(async () => (await status(`${appUrl}/api/v1/db-check`)) === 503, 5_000);
    expect(await injected).toBe(0);
    expect(injectOut).toContain('reverted');
    await until(async () => (await status(`${appUrl}/api/v1/db-check`)) === 200, 15_000);

    up.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(await isPortOpen(Number(new URL(appUrl).port))).toBe(false);
    expect(await isPortOpen(Number(new URL(proxyUrl).port))).toBe(false);
  } finally {
    up.kill('SIGKILL');
  }
}, 120_000);

it('inject refuses an unknown fault and bad options with exit 2', async () => {
  const run = (args: string[]): Promise<{ code: number | null; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, 'inject', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (code) => resolve({ code, stderr }));
    });
  const unknown = await run(['db-melt']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('db-latency');
  const bad = await run(['db-latency', 'latencyMs=-5', '--toxiproxy-url', 'http://127.0.0.1:1']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('latencyMs');
  const processFault = await run(['app-kill', '--toxiproxy-url', 'http://127.0.0.1:1']);
  expect(processFault.code).toBe(2);
  expect(processFault.stderr).toContain('process fault');
});

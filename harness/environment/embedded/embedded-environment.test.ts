// The embedded environment end to end: it starts a real PostgreSQL, proxy, Redis (when installed)
// and app; faults through the real toxiproxy-node-client reach the app; and everything it
// started is gone afterwards — by pid and by port — also when its process is interrupted.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPortOpen } from '../../lib/ports.ts';
import type { StartedEnvironment } from '../types.ts';
import { startEmbeddedEnvironment } from './embedded-environment.ts';
import { repoTarget } from '../../testing/target.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const status = async (url: string): Promise<number> => (await fetch(url)).status;

describe('embedded environment', () => {
  let env: StartedEnvironment;
  const pids: number[] = [];
  beforeAll(async () => {
    env = await startEmbeddedEnvironment({ target: await repoTarget(), seed: 42 });
    env.onAppStart((start) => start.pid !== undefined && pids.push(start.pid));
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('serves the app through the database proxy, and a proxy fault reaches it', async () => {
    await waitUntil(async () => (await status(`${env.appUrl}/api/v1/health`).catch(() => 0)) === 200);
    expect(await status(`${env.appUrl}/api/v1/db-check`)).toBe(200);
    expect(
      (env.fixtures.state as { seed: { publishedEventIds: string[] } }).seed.publishedEventIds.length,
    ).toBeGreaterThan(0);

    const proxy = await env.toxiproxy.get(env.dbProxyName);
    await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
    await waitUntil(async () => (await status(`${env.appUrl}/api/v1/db-check`)) === 503, 10_000);
    await proxy.update({ enabled: true, listen: proxy.listen, upstream: proxy.upstream });
    await waitUntil(async () => (await status(`${env.appUrl}/api/v1/db-check`)) === 200, 15_000);
  });

  it('kills and restarts the app, reporting which exits were asked for', async () => {
    const exits: { expected: boolean; signal: string | null }[] = [];
    env.onAppExit((exit) => exits.push(exit));
    await env.killApp('SIGKILL');
    expect(exits).toEqual([expect.objectContaining({ expected: true, signal: 'SIGKILL' })]);
    await env.startApp();
    await waitUntil(async () => (await status(`${env.appUrl}/api/v1/health`).catch(() => 0)) === 200);
  });

  it('stops and starts PostgreSQL itself', async () => {
    await env.stopPostgres({ mode: 'immediate' });
    await waitUntil(async () => (await status(`${env.appUrl}/api/v1/db-check`)) === 503, 10_000);
    await env.startPostgres();
    await waitUntil(async () => (await status(`${env.appUrl}/api/v1/db-check`)) === 200, 15_000);
  });

  it('leaves no process, no port and no temp directory behind', async () => {
    const appPort = Number(new URL(env.appUrl).port);
    const proxyPort = Number(new URL(env.toxiproxyUrl).port);
    const postgresPort = Number(new URL(env.databaseUrl).port);
    const postgresLine = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .find((line) => line.includes(`-p ${postgresPort} `));
    const dataDir = /-D (\S+)/.exec(postgresLine ?? '')?.[1];
    expect(dataDir).toBeDefined();
    expect(fs.existsSync(dataDir!)).toBe(true);
    await env.stop();
    expect(fs.existsSync(path.dirname(dataDir!))).toBe(false);
    expect(await isPortOpen(postgresPort)).toBe(false);
    for (const pid of pids) expect(alive(pid)).toBe(false);
    expect(await isPortOpen(appPort)).toBe(false);
    expect(await isPortOpen(proxyPort)).toBe(false);
  });
});

describe('interrupted with Ctrl-C', () => {
  it('stops everything it started when its process gets SIGINT mid-run', async () => {
    const child = spawn(
      process.execPath,
      [
        path.join(HERE, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        path.join(HERE, 'testing', 'hold-environment.ts'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitUntil(() => output.includes('\n'), 60_000);
    const started = JSON.parse(output.split('\n')[0]!) as { pids: number[]; ports: number[] };
    for (const pid of started.pids) expect(alive(pid)).toBe(true);
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
    await waitUntil(() => started.pids.every((pid) => !alive(pid)), 15_000);
    for (const port of started.ports) expect(await isPortOpen(port)).toBe(false);
  });
});

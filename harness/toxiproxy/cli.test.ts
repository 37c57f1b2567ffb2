// `faultline proxy` as a real child process: serves the API, populates from --config, and on
// SIGTERM closes every port and exits 0. Bad input exits 2 with a message saying what is wrong.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Toxiproxy } from 'toxiproxy-node-client';
import { isPortOpen } from '../lib/ports.ts';
import { closeAll, connect, readUntilClosed, startEchoServer } from './testing/fixtures.ts';

const FAULTLINE = fileURLToPath(new URL('../bin/faultline.js', import.meta.url));
let directory: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'faultline-proxy-cli-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await closeAll();
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function faultline(args: string[]): Run {
  const child = spawn(process.execPath, [FAULTLINE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function waitForUrl(run: Run, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /http:\/\/\S+/.exec(run.stdout());
    if (match !== null) return match[0];
    if (run.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no API URL printed; stdout: ${run.stdout()} stderr: ${run.stderr()}`);
}

async function writeConfig(name: string, content: string): Promise<string> {
  const file = path.join(directory, name);
  await writeFile(file, content);
  return file;
}

describe('faultline proxy', () => {
  it('serves the API, populated from --config, and closes everything on SIGTERM with exit 0', async () => {
    const echo = await startEchoServer();
    const config = await writeConfig(
      'proxies.json',
      JSON.stringify([{ name: 'echo', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` }]),
    );
    const run = faultline(['proxy', '--port', '0', '--config', config, '--seed', '11']);
    const url = await waitForUrl(run);
    expect(run.stdout().trim().split('\n')).toHaveLength(1);
    expect(run.stdout()).toContain('seed 11');

    const client = new Toxiproxy(url);
    const proxy = await client.get('echo');
    const proxyPort = Number(proxy.listen.split(':').pop());
    await proxy.addToxic({ type: 'latency', attributes: { latency: 10 } } as never);
    const socket = await connect(proxyPort);
    const ending = readUntilClosed(socket);
    const apiPort = Number(new URL(url).port);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect((await ending).kind).not.toBe('timeout');
    expect(await isPortOpen(apiPort)).toBe(false);
    expect(await isPortOpen(proxyPort)).toBe(false);
  });

  it('exits 0 on SIGINT too', async () => {
    const run = faultline(['proxy', '--port', '0']);
    await waitForUrl(run);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('exits 2 on an unknown flag, saying which', async () => {
    const run = faultline(['proxy', '--bogus']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain("Unknown option '--bogus'");
  });

  it.each([
    ['not JSON', 'nope[', /not valid JSON/],
    ['not an array', '{"name": "x"}', /expected a JSON array of proxies/],
    [
      'a proxy without upstream',
      '[{"name": "x", "listen": "127.0.0.1:0"}]',
      /proxy 1 \(upstream\): upstream is required/,
    ],
  ])('exits 2 on a malformed --config (%s), naming the file and the problem', async (_case, content, problem) => {
    const file = await writeConfig('bad.json', content);
    const run = faultline(['proxy', '--port', '0', '--config', file]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain(`--config ${file}`);
    expect(run.stderr()).toMatch(problem);
  });

  it('exits 2 on a bad --port', async () => {
    const run = faultline(['proxy', '--port', 'eighty']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('--port must be an integer');
  });
});

// Test helpers for the example service: its database made from its own scripts, and the service as
// a real child process (`tsx src/main.ts`) whose log lines and exit the tests read.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../harness/lib/ports.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.resolve(ROOT, '..', '..', 'node_modules', '.bin', 'tsx');

export function runScript(script: string, args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${script} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

export interface RunningService {
  url: string;
  lines: string[];
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export async function startService(env: Record<string, string>): Promise<RunningService> {
  const port = await freePort();
  const child: ChildProcess = spawn(TSX, ['src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HTTP_PORT: String(port), RECHECK_MS: '200', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (chunk: Buffer) => lines.push(...String(chunk).split('\n').filter(Boolean)));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    url: `http://127.0.0.1:${port}`,
    lines,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls `path` until `accept` holds for its status, or fails after `withinMs`. */
export async function waitFor(url: string, accept: (status: number) => boolean, withinMs = 20_000): Promise<number> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (accept(status)) return status;
    if (Date.now() > deadline) throw new Error(`${url} never answered as expected (last: ${status})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

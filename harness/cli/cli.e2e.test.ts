// The CLI as a user runs it: exit codes for bad input, and Ctrl-C in the middle of a run leaving
// nothing behind — no process, no port.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPortOpen } from '../lib/ports.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'harness', 'bin', 'faultline.js');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function faultline(
  args: string[],
  options: { onStderr?: (text: string, child: ReturnType<typeof spawn>) => void } = {},
): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr, child);
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('invalid input exits 2 and runs nothing', () => {
  it('an unknown flag', async () => {
    const result = await faultline(['run', 'smoke', '--frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--frobnicate'");
  });

  it('an unknown scenario, naming the known ones', async () => {
    const result = await faultline(['run', 'no-such-scenario']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('startup-db-late');
  });

  it('a malformed scenario file, naming the file, the field and what was expected', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'faultline-bad-'));
    const file = path.join(dir, 'bad.mts');
    await fs.writeFile(
      file,
      `import { defineScenario } from '${path.join(ROOT, 'harness', 'scenario', 'index.ts')}';\nexport default defineScenario({ name: 'bad', description: 'x', duration: 'soon', checks: { 'no-crash': true } });\n`,
    );
    try {
      const result = await faultline(['run', file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('bad.mts');
      expect(result.stderr).toContain('duration');
      expect(result.stderr).toMatch(/expected a duration/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('a bad seed and a bad environment', async () => {
    expect((await faultline(['run', 'smoke', '--seed', 'abc'])).code).toBe(2);
    expect((await faultline(['run', 'smoke', '--env', 'cloud'])).code).toBe(2);
    expect((await faultline(['run', 'smoke', '--env', 'external'])).stderr).toContain('--app-url');
  });
});

describe('Ctrl-C in the middle of a run', () => {
  it('stops the environment: no PostgreSQL, proxy or app left, no port open', async () => {
    const ports = new Set<number>();
    let interrupted = false;
    const result = await faultline(['run', 'p2025-sweep', '--seed', '3', '--reporter', 'console'], {
      onStderr: (text, child) => {
        for (const match of text.matchAll(/(?:on :|127\.0\.0\.1:)(\d+)/g)) ports.add(Number(match[1]));
        // Interrupt once the load is running.
        if (!interrupted && /p2025-sweep\s+running/.test(text)) {
          interrupted = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(interrupted).toBe(true);
    expect(result.code).toBe(130);
    expect(ports.size).toBeGreaterThanOrEqual(3);
    for (const port of ports) expect(await isPortOpen(port), `port ${port} still open`).toBe(false);
    const { stdout } = await new Promise<{ stdout: string }>((resolve) => {
      const ps = spawn('ps', ['-eo', 'args']);
      let out = '';
      ps.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      ps.once('exit', () => resolve({ stdout: out }));
    });
    for (const port of ports) expect(stdout).not.toContain(`-p ${port} `);
  }, 120_000);
});

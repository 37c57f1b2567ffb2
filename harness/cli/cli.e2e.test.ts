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

  it('--report-dir pointing at a file: one clear line, nothing started', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'faultline-report-file-'));
    const file = path.join(dir, 'not-a-directory.txt');
    await fs.writeFile(file, 'x');
    try {
      const result = await faultline(['run', 'smoke', '--report-dir', file]);
      expect(result.code, result.stderr).toBe(2);
      const lines = result.stderr.trim().split('\n');
      expect(lines[0]).toBe(
        `faultline run: --report-dir ${file}: cannot write reports there: it (or a folder above it) is a file, not a directory`,
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stderr).not.toContain('postgres ready');
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

/** Ports named in the harness's progress lines, and whether any of them or their servers outlived the run. */
async function leftovers(ports: Set<number>): Promise<string[]> {
  const left: string[] = [];
  for (const port of ports) if (await isPortOpen(port)) left.push(`port ${port} still open`);
  const { stdout } = await new Promise<{ stdout: string }>((resolve) => {
    const ps = spawn('ps', ['-eo', 'args']);
    let out = '';
    ps.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    ps.once('exit', () => resolve({ stdout: out }));
  });
  for (const port of ports) if (stdout.includes(`-p ${port} `)) left.push(`a server on -p ${port} still running`);
  return left;
}

describe('preflight: an app that cannot start', () => {
  it("ends the run NOT PROVEN (exit 3) with the app's own import error, in the console and every report", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'faultline-preflight-'));
    // The app's node imports a module that does not exist before the app's own code (the way a
    // missing generated Prisma client fails), without touching target-app.
    const missing = path.join(dir, 'generated', 'prisma', 'client.mjs');
    const ports = new Set<number>();
    try {
      const result = await faultline(
        ['run', 'smoke', '--seed', '4', '--report-dir', dir, '--app-env', `NODE_OPTIONS=--import=${missing}`],
        {
          onStderr: (text) => {
            for (const match of text.matchAll(/(?:on :|127\.0\.0\.1:)(\d+)/g)) ports.add(Number(match[1]));
          },
        },
      );
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).toMatch(/preflight FAILED: the app exited with code 1 before it became healthy/);
      // Nothing ran after the preflight.
      expect(result.stderr).not.toMatch(/▶ (?!preflight)/);
      expect(result.stdout).toContain('ERR_MODULE_NOT_FOUND');
      expect(result.stdout).toContain(missing);
      expect(result.stdout).toMatch(/command: .*--import tsx target-app\/src\/index\.ts/);
      expect(result.stdout).toMatch(/NOT PROVEN — the app never became healthy in preflight/);
      expect(result.stdout).not.toMatch(/DO NOT RELEASE/);

      const latest = path.join(dir, 'latest');
      const report = JSON.parse(await fs.readFile(path.join(latest, 'report.json'), 'utf8')) as {
        verdict: string;
        scenarios: unknown[];
        preflight: { passed: boolean; exit: { code: number }; output: { line: string }[] };
      };
      expect(report.verdict).toMatch(/^NOT PROVEN/);
      expect(report.scenarios).toEqual([]);
      expect(report.preflight.passed).toBe(false);
      expect(report.preflight.exit.code).toBe(1);
      expect(report.preflight.output.some((line) => line.line.includes('ERR_MODULE_NOT_FOUND'))).toBe(true);
      for (const file of ['junit.xml', 'summary.md', 'report.html'])
        expect(await fs.readFile(path.join(latest, file), 'utf8'), file).toContain('ERR_MODULE_NOT_FOUND');
      expect(await leftovers(ports)).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
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
    expect(await leftovers(ports)).toEqual([]);
  }, 120_000);

  it('while PostgreSQL is starting: no fault, no load, no further scenario; everything stopped within seconds', async () => {
    const ports = new Set<number>();
    let interruptedAt: number | undefined;
    const pids = new Set<number>();
    // db-outage-under-load would apply db-down at 3 s: after Ctrl-C during its environment's start
    // it must never get that far. The interrupt lands at the first progress line of the scenario's
    // own environment (after preflight), before PostgreSQL is ready.
    const result = await faultline(
      ['run', 'db-outage-under-load', 'p2025-sweep', '--seed', '5', '--reporter', 'console'],
      {
        onStderr: (text, child) => {
          for (const match of text.matchAll(/(?:on :|127\.0\.0\.1:)(\d+)/g)) ports.add(Number(match[1]));
          if (interruptedAt === undefined && /▶ db-outage-under-load\n/.test(text)) {
            interruptedAt = Date.now();
            if (child.pid !== undefined) pids.add(child.pid);
            child.kill('SIGINT');
          }
        },
      },
    );
    const stoppedAfterMs = Date.now() - (interruptedAt ?? Date.now());
    expect(interruptedAt, result.stderr).toBeDefined();
    expect(result.code, result.stderr).toBe(130);
    const after = result.stderr.slice(result.stderr.indexOf('▶ db-outage-under-load'));
    expect(after).not.toMatch(/postgres ready/);
    expect(after).not.toMatch(/app will listen/);
    expect(after).not.toMatch(/apply db-down|running/);
    expect(after).not.toContain('▶ p2025-sweep');
    // PostgreSQL's own start is not interruptible; what follows it is, so the run ends within that
    // start (about 1.5 s here) plus its teardown, with slack for a busy machine.
    expect(stoppedAfterMs).toBeLessThan(20_000);
    expect(await leftovers(ports)).toEqual([]);
    for (const pid of pids) expect(() => process.kill(pid, 0), `faultline ${pid} still alive`).toThrow();
  }, 120_000);
});

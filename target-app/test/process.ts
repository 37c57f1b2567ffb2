// The app as a real child process (`node --import tsx target-app/src/index.ts`, one process, no wrapper), for the tests that are about
// the process itself: startup order, fail-fast exits, signals. Its JSON log lines are parsed.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerCleanup } from '../../harness/lib/cleanup.ts';
import type { LogEntry } from './support.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENTRY = path.join(ROOT, 'target-app', 'src', 'index.ts');

export interface AppProcess {
  child: ChildProcess;
  logs: LogEntry[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  startedAtMs: number;
  /** Resolves with the first log line matching, or rejects when the process exits first. */
  waitForLog(predicate: (line: LogEntry) => boolean, timeoutMs?: number): Promise<LogEntry>;
  url(): string;
  stop(): Promise<void>;
}

export function spawnApp(env: NodeJS.ProcessEnv): AppProcess {
  const startedAtMs = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const unregister = registerCleanup(() => child.kill('SIGKILL'));
  const logs: LogEntry[] = [];
  const stderr: string[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.trim() !== '') {
        try {
          logs.push(JSON.parse(line) as LogEntry);
        } catch {
          logs.push({ level: 0, levelName: 'raw', msg: line });
        }
      }
      newline = buffer.indexOf('\n');
    }
    for (const wake of waiters) wake();
  });
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) => {
    child.once('exit', (code, signal) => {
      unregister();
      resolve({ code, signal, atMs: Date.now() });
      for (const wake of waiters) wake();
    });
  });
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const waitForLog: AppProcess['waitForLog'] = (predicate, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          finish(new Error(`no matching log line within ${timeoutMs} ms; got:\n${logs.map((l) => l.msg).join('\n')}`)),
        timeoutMs,
      );
      const check = (): void => {
        const found = logs.find(predicate);
        if (found !== undefined) finish(undefined, found);
        else if (hasExited)
          finish(
            new Error(
              `the app exited before the log line appeared; log:\n${logs.map((l) => `${l.levelName} ${l.msg}`).join('\n')}\n${stderr.join('')}`,
            ),
          );
      };
      const finish = (error?: Error, line?: LogEntry): void => {
        clearTimeout(timer);
        waiters.delete(check);
        if (error !== undefined) reject(error);
        else resolve(line!);
      };
      waiters.add(check);
      check();
    });

  return {
    child,
    logs,
    stderr,
    exited,
    startedAtMs,
    waitForLog,
    url: () => {
      const listening = logs.find((line) => line.event === 'http.listening');
      if (listening === undefined) throw new Error('the app is not listening');
      return `http://127.0.0.1:${listening.port as number}`;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

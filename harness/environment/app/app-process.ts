// The target app as a child process (execa), run as `node --import tsx` so that the pid we signal
// is the app itself (tsx's CLI would put a wrapper process in between that SIGKILL cannot reach): started, killed and restarted on demand, its JSON log
// lines and every exit reported to listeners. Exits the harness asked for are marked expected,
// so a check can tell a kill from a crash.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { registerCleanup } from '../../lib/cleanup.ts';
import type { AppExit, AppLogLine } from '../types.ts';
import { AppEventSource } from './app-events.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const APP_ENTRY = path.join(ROOT, 'target-app', 'src', 'index.ts');

export class AppProcess extends AppEventSource {
  private child: ResultPromise | undefined;
  private expectedExit = false;
  private unregister: (() => void) | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly env: Record<string, string>,
    private readonly now: () => number,
    /** Which of the provider's instances this is (0-based); every event it emits says so. */
    readonly instance = 0,
  ) {
    super();
  }

  /** How the app is started, for a report that must say what did not start. */
  readonly command = `${process.execPath} --import tsx ${path.relative(ROOT, APP_ENTRY)} (in ${ROOT})`;

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  /** Spawn the app; resolves once the process exists (not when it is ready). */
  async start(): Promise<void> {
    if (this.running) return;
    this.expectedExit = false;
    const child = execa(process.execPath, ['--import', 'tsx', APP_ENTRY], {
      cwd: ROOT,
      env: this.env,
      extendEnv: false,
      reject: false,
      buffer: false,
      stdin: 'ignore',
      cleanup: true,
      // kill() below owns the grace before SIGKILL (execa's own would cut a drain after 5 s).
      forceKillAfterDelay: false,
    });
    this.child = child;
    this.unregister = registerCleanup(() => child.kill('SIGKILL'));
    const pid = child.pid;
    this.emitStart({ atMs: this.now(), pid, instance: this.instance });
    const forward = (stream: NodeJS.ReadableStream | null, name: 'stdout' | 'stderr'): void => {
      let buffer = '';
      stream?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          this.emitLine(buffer.slice(0, newline), name);
          buffer = buffer.slice(newline + 1);
          newline = buffer.indexOf('\n');
        }
      });
      stream?.on('end', () => {
        if (buffer.length > 0) this.emitLine(buffer, name);
      });
    };
    forward(child.stdout, 'stdout');
    forward(child.stderr, 'stderr');
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.unregister?.();
        const exit: AppExit = {
          atMs: this.now(),
          instance: this.instance,
          pid,
          code,
          signal,
          expected: this.expectedExit,
        };
        this.emitExit(exit);
        resolve();
      });
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', reject);
    });
  }

  /** Send a signal and wait for the exit (SIGKILL after `graceMs` if it lingers). */
  async kill(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM', graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (child === undefined || !this.running) return;
    this.expectedExit = true;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  async waitForExit(): Promise<void> {
    await this.exited;
  }

  private emitLine(raw: string, stream: 'stdout' | 'stderr'): void {
    if (raw.trim() === '') return;
    const line: AppLogLine = { atMs: this.now(), instance: this.instance, raw, stream };
    if (raw.startsWith('{')) {
      try {
        line.json = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // not JSON after all: keep the raw text
      }
    }
    this.emitLog(line);
  }
}

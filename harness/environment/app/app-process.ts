// The target's app as a child process (execa), run with the target's own command in its folder:
// started, killed and restarted on demand, its log lines (JSON parsed when they are JSON) and every
// exit reported to listeners. Exits the harness asked for are marked expected, so a check can tell
// a kill from a crash. Kill faults signal this pid: a command that wraps the app (`npm start`, tsx's
// CLI) puts a process in between that SIGKILL does not reach, so targets run the app directly.
import { execa, type ResultPromise } from 'execa';
import { registerCleanup } from '../../lib/cleanup.ts';
import type { AppExit, AppLogLine } from '../types.ts';
import { AppEventSource } from './app-events.ts';

/** How an app starts: argv, in a folder. */
export interface AppCommand {
  argv: readonly string[];
  cwd: string;
}

export class AppProcess extends AppEventSource {
  private child: ResultPromise | undefined;
  private expectedExit = false;
  private unregister: (() => void) | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly app: AppCommand,
    private readonly env: Record<string, string>,
    private readonly now: () => number,
    /** Which of the provider's instances this is (0-based); every event it emits says so. */
    readonly instance = 0,
  ) {
    super();
  }

  /** How the app is started, for a report that must say what did not start. */
  get command(): string {
    return `${this.app.argv.join(' ')} (in ${this.app.cwd})`;
  }

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
    const [file, ...args] = this.app.argv;
    const child = execa(file as string, args, {
      cwd: this.app.cwd,
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

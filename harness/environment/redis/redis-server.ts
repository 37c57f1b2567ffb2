// A throwaway Redis from the `redis-server` binary on PATH (Debian's redis-server package); no npm
// package ships one. When it is absent, callers treat Redis as unavailable and say so.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort, isPortOpen } from '../../lib/ports.ts';
import { registerCleanup } from '../../lib/cleanup.ts';

export function findRedisServer(): string | undefined {
  const result = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const found = result.stdout.trim();
  return result.status === 0 && found !== '' ? found : undefined;
}

export class RedisServer {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
    private readonly unregister: () => void,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(options: { port?: number; startupTimeoutMs?: number } = {}): Promise<RedisServer> {
    const binary = findRedisServer();
    if (binary === undefined) throw new Error("redis-server is not on PATH (install Debian's redis-server package)");
    const port = options.port ?? (await freePort());
    const child = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'],
      { stdio: 'ignore' },
    );
    const unregister = registerCleanup(() => child.kill('SIGKILL'));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const server = new RedisServer(port, child, exited, unregister);
    const deadline = Date.now() + (options.startupTimeoutMs ?? 10_000);
    while (!(await isPortOpen(port))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await server.stop();
        throw new Error(`redis-server did not start on port ${port}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return server;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(timer);
    }
    this.unregister();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

// A throwaway Redis from the `redis-server` binary on PATH (Debian's redis-server package); no npm
// package ships one. When it is absent, callers treat Redis as unavailable and say so.
// FAULTLINE_REDIS_SERVER names another binary (a path or a name on PATH); one that does not exist
// makes this machine one without Redis, which is how the tests prove their skip paths.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort, isPortOpen } from '../../lib/ports.ts';
import { registerCleanup } from '../../lib/cleanup.ts';

export const REDIS_SERVER_VARIABLE = 'FAULTLINE_REDIS_SERVER';

/** The redis-server executable to use, or undefined when there is none. */
export function findRedisServer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const wanted = env[REDIS_SERVER_VARIABLE] || 'redis-server';
  // `command -v` finds a name on PATH and checks a path: the same answer the shell would give.
  const result = spawnSync('/bin/sh', ['-c', 'command -v -- "$1"', 'sh', wanted], { encoding: 'utf8', env });
  const found = (result.stdout ?? '').trim();
  return result.status === 0 && found !== '' ? found : undefined;
}

/** Why there is no Redis here, in words a newcomer can act on. */
export function redisServerMissingReason(env: NodeJS.ProcessEnv = process.env): string {
  const wanted = env[REDIS_SERVER_VARIABLE];
  return wanted
    ? `${REDIS_SERVER_VARIABLE}=${wanted} is not an executable`
    : 'redis-server is not on PATH (Debian: apt-get install redis-server)';
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
    if (binary === undefined) throw new Error(redisServerMissingReason());
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

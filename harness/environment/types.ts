// The contract every environment provider (embedded, containers, external) returns. Scenarios,
// faults and probes see only this, never which provider started it.
import type { Toxiproxy } from 'toxiproxy-node-client';
import type { TargetFixtures } from '../target/fixtures.ts';

export type EnvironmentKind = 'embedded' | 'containers' | 'external';
export type PostgresStopMode = 'fast' | 'immediate';

/** What a provider can do; scenarios that need a missing capability are skipped with a reason. */
export interface EnvironmentCapabilities {
  redis: boolean;
  /** Kill/start/restart the app process. */
  processControl: boolean;
  /** Stop/start the PostgreSQL server itself. */
  postgresControl: boolean;
}

/** One line the app wrote to stdout (JSON when it could be parsed). */
export interface AppLogLine {
  atMs: number;
  /** Which app instance wrote it (0-based), when the provider runs several. */
  instance?: number;
  /** Crash output and stack traces arrive on stderr; pino's JSON on stdout (the default). */
  stream?: 'stdout' | 'stderr';
  raw: string;
  json?: Record<string, unknown>;
}

export interface AppExit {
  atMs: number;
  /** Which app instance exited (0-based), when the provider runs several. */
  instance?: number;
  pid: number | undefined;
  code: number | null;
  signal: string | null;
  /** True when the harness itself asked for it (killApp/restartApp/stop). */
  expected: boolean;
}

export interface AppStart {
  atMs: number;
  /** Which app instance started (0-based), when the provider runs several. */
  instance?: number;
  pid: number | undefined;
}

/** Events an environment emits while it runs; probes subscribe to them. */
export interface EnvironmentEvents {
  onAppLog(listener: (line: AppLogLine) => void): () => void;
  onAppExit(listener: (exit: AppExit) => void): () => void;
  onAppStart(listener: (start: AppStart) => void): () => void;
}

export interface StartedEnvironment extends EnvironmentEvents, AsyncDisposable {
  readonly kind: EnvironmentKind;
  readonly capabilities: EnvironmentCapabilities;
  /** Base URL of the app, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly appUrl: string;
  readonly toxiproxyUrl: string;
  readonly toxiproxy: Toxiproxy;
  readonly dbProxyName: string;
  readonly redisProxyName: string | undefined;
  /** A direct (unproxied) connection string to the app's database, for reading back writes. */
  readonly databaseUrl: string;
  /** Milliseconds since the environment's clock origin (performance.now()-based). */
  now(): number;
  /** What the target's requests are built from: its id pools and its prepared state. */
  readonly fixtures: TargetFixtures;
  /** The command that starts the app, when the harness starts it (for reports of a failed start). */
  readonly appCommand?: string;
  /** The app's environment as started (retry budget, timeouts), when the provider knows it. */
  readonly appSettings: Readonly<Record<string, string>> | undefined;

  startApp(): Promise<void>;
  killApp(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  restartApp(): Promise<void>;
  /**
   * One instance at a time: SIGTERM, wait for its exit, start it again, wait until it is ready (and,
   * behind the balancer, back in rotation), then the next. Absent where the provider cannot do it.
   */
  rollingRestart?(): Promise<void>;
  /** One instance (0-based) killed and not restarted. Absent where the provider cannot do it. */
  killInstance?(instance: number, signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  stopPostgres(options?: { mode?: PostgresStopMode }): Promise<void>;
  startPostgres(): Promise<void>;
  stop(): Promise<void>;
}

// The target contract: everything Faultline needs to know about an app to start it, load it and
// judge it, written by the app's own team in a `faultline.config.ts` with `defineTarget`. The harness
// reads an app only through this; nothing in harness/ knows a route, a table or a variable of any app.
import type { TargetContainer } from './container.ts';
import type { DefectCell } from './defect-cells.ts';
import type { Check } from '../checks/types.ts';
import type { TargetBounds } from './bounds.ts';
import type { RequestSpec } from '../load/types.ts';
import type { LogEvent } from '../timeline/types.ts';

/** A program to run, as argv (no shell): `['npx', 'prisma', 'migrate', 'deploy']`. */
export interface CommandStep {
  command: readonly string[];
  /** Extra environment for the command; the database URL is added under `app.inject.databaseUrl`. */
  env?: Readonly<Record<string, string>>;
}

/** What seeding or migrating is given. */
export interface DatabaseStepContext {
  /** A direct (unproxied) connection string to the fresh database. */
  databaseUrl: string;
  /** The run's seed: the same seed gives the same data. */
  seed: number;
}

/**
 * One database step: a command run in the app's folder, `.sql` files applied in name order (a file,
 * or a folder of migration folders each holding a `migration.sql`, as Prisma lays them out), or a
 * function. A function may return a value, handed to `prepare` (seeding only).
 */
export type DatabaseStep = CommandStep | { sql: string } | ((context: DatabaseStepContext) => Promise<unknown>);

export interface TargetApp {
  /** How the app starts, as argv, in `cwd`: `['node', 'dist/main.js']` or `['npx', 'tsx', 'src/main.ts']`. */
  command: readonly string[];
  /** The app's folder, relative to the config file (default: the config file's folder). */
  cwd?: string;
  /**
   * What makes the app runnable from its sources, run once before it first starts (in `cwd`): e.g.
   * `['npx', 'prisma', 'generate']`, or a function. Keep it a no-op when nothing changed.
   */
  build?: CommandStep | (() => Promise<void>);
  /**
   * The app's own settings (timeouts, retry budgets, feature switches), given to every instance; a
   * function is called once per environment (for a fresh secret per run).
   */
  env?: Readonly<Record<string, string>> | (() => Record<string, string>);
  /** The names under which the app reads the values Faultline controls. */
  inject: {
    /** The (proxied) PostgreSQL URL, e.g. 'DATABASE_URL'. */
    databaseUrl: string;
    /** The (proxied) Redis URL, when the app uses Redis, e.g. 'REDIS_URL'. */
    redisUrl?: string;
    /** The port to listen on, e.g. 'PORT'. */
    port: string;
    /**
     * How long the app keeps running after SIGTERM, answering its readiness check with 503, before it
     * closes, e.g. 'SHUTDOWN_DRAIN_MS': set with several instances, to the balancer's ejection bound.
     */
    drainMs?: string;
  };
  /** The app as a container, for `--env containers` (without one, that environment refuses the target). */
  container?: TargetContainer;
}

export type { TargetContainer } from './container.ts';
export type { TargetBounds } from './bounds.ts';

export interface TargetDatabase {
  /** Brings a fresh, empty database to the app's schema. */
  migrate: DatabaseStep;
  /** Fills it with the data requests draw from (optional). */
  seed?: DatabaseStep;
  /**
   * Named id pools read from the seeded database once per environment, each a query whose first
   * column is the id: `{ books: 'SELECT id FROM "Book"' }`. Requests draw from them.
   */
  pools?: Readonly<Record<string, string>>;
}

/** What `prepare` and every request builder can read. */
export interface PoolsContext {
  /** The pools' ids, by pool name. */
  readonly pools: Readonly<Record<string, readonly (string | number)[]>>;
}

export interface PrepareContext extends PoolsContext {
  databaseUrl: string;
  /** The app's environment as every instance was started with it (its secrets included). */
  appEnv: Readonly<Record<string, string>>;
  /** What the seed function returned, when the harness seeded the database this run. */
  seeded: unknown;
  seed: number;
}

/** What a request's `build` gets: the prepared state, the pools, a seeded RNG and unique keys. */
export interface BuildContext<State> extends PoolsContext {
  readonly state: State;
  /** The run's seeded RNG, in [0, 1): the same seed gives the same requests. */
  readonly rng: () => number;
  /** A random id of a pool. */
  readonly pick: (pool: string) => string | number;
  /** A key no other request of this run (nor of another run) has: for a write's idempotency key. */
  readonly nextKey: () => string;
}

/**
 * How a request counts: a `read`; a `write`, acknowledged (2xx) under the `key` it returns and read
 * back after the run; a request for a record that is `missing`, which must get the not-found answer;
 * a Socket.IO `socket` session.
 */
export type RequestKind = 'read' | 'write' | 'missing' | 'socket';

/** A built request; `body` is sent as JSON unless it is a string. */
export interface BuiltRequest {
  method: Exclude<RequestSpec['method'], 'SOCKET'> | 'SOCKET';
  path: string;
  /** How reports group it, e.g. 'GET /books/:id' (default: the request's name). */
  route?: string;
  headers?: Readonly<Record<string, string>>;
  body?: unknown;
  /** For a write: the key it is acknowledged by. */
  key?: string;
  /** For a socket session. */
  session?: RequestSpec['session'];
}

export interface RequestDefinition<State> {
  kind: RequestKind;
  /** What else it is, for scenarios that select requests by tag: `['chat']`, `['auth']`. */
  tags?: readonly string[];
  /**
   * Sent only by a scenario that names it, never picked by kind or tag: a request whose answer is not
   * its kind's (a deleted caller's write answered 401), or one with side effects (a password guess).
   */
  byNameOnly?: boolean;
  /**
   * false for a write that cannot be read back by a key (an update or delete of an existing row): it
   * returns no `key` and no-lost-writes does not look for it. Default: a write returns its key.
   */
  readBack?: false;
  /**
   * Named numbers read from a 2xx answer (`body` is the parsed JSON, or the text), recorded on its
   * sample as `reading` for the target's own checks: `({ body }) => ({ online: body.online })`. A
   * non-finite number is left out; a throw records no reading. Read by the builtin engine only.
   */
  read?(answer: { status: number; body: unknown }): Readonly<Record<string, number>> | undefined;
  /** Why it cannot be built from this state and these pools, or null when it can. */
  unavailable?(context: PoolsContext & { state: State }): string | null;
  build(context: BuildContext<State>): BuiltRequest;
}

export interface TargetWrites {
  /**
   * A query over the direct connection that returns the acknowledged keys it finds, given them all as
   * `$1` (a text[]): `SELECT reference AS key FROM "Loan" WHERE reference = ANY($1::text[])`.
   */
  readBack: string;
}

/** What one health answer says: the database's state, and the app's overall status. */
export interface HealthReading {
  database?: 'up' | 'down';
  /** 'degraded': serving without a non-critical service (Redis). */
  status?: 'ok' | 'degraded' | 'down';
}

export interface HealthEndpointDefinition {
  path: string;
  /**
   * How an answer reads (`body` is the parsed JSON, or the text). Default: 200 says the database is
   * up, 503 that it is down; anything else says nothing.
   */
  read?(answer: { status: number; body: unknown }): HealthReading;
  /**
   * Polled during every run and held to the truth by health-truthful (default true). False for an
   * endpoint that answers 503 for another reason too, e.g. a readiness gate that drains on SIGTERM.
   */
  polled?: boolean;
}

export interface TargetHealth {
  /** Health endpoints by name, each a path (read by status) or a definition: `{ ready: '/readyz' }`. */
  endpoints: Readonly<Record<string, string | HealthEndpointDefinition>>;
  /** The endpoint whose 200 means "serving": preflight and the app's readiness wait on it. */
  ready: string;
}

/** How the app answers what the checks judge. */
export interface TargetErrors {
  /** Reads an error answer's code from its body (default: `error.code`, else `code`). */
  code?(body: unknown): string | null | undefined;
  /** "The database is unavailable": 503, with Retry-After (default true), and a code starting so. */
  unavailable?: { code?: string; retryAfter?: boolean };
}

/** One line of the app's log as the harness read it: the level and event it found (null/absent: none). */
export type LogLine = Pick<LogEvent, 'raw' | 'stream' | 'level' | 'event' | 'msg'>;

/** How the app logs, so the checks read its levels and know its crashes (default: JSON lines). */
export interface TargetLogs {
  /**
   * 'json': one JSON object a line (pino's numeric `level` or a level name, `msg`, `event`).
   * 'text': `key=value` pairs (`level=fatal event=startup.failed msg="…"`), or a line led by its
   * level (`ERROR …`, `[fatal] …`, after an optional timestamp). Levels are read as pino's numbers
   * (50 error, 60 fatal). Either way, Node's own raw stack trace counts as a crash.
   */
  format: 'json' | 'text';
  /**
   * A line that reports an unhandled error or a crash in the app's own words, besides a fatal line
   * and a raw stack trace (which always count): `(line) => line.event === 'process.crash'`.
   */
  unhandled?(line: LogLine): boolean;
}

/** What the documented fail-fast at startup looks like (the database never comes). */
export interface TargetStartup {
  /** The code the app exits with when it gives up (default 1). */
  fatalExitCode?: number;
  /**
   * The one line it logs then: an event name (a fatal line with that `event`), or a pattern the raw
   * line matches. Default: a fatal 'startup.failed' line; null: the app logs no such line.
   */
  fatalLog?: string | RegExp | null;
}

export type { CellCheckName, DefectCell, DefectEvidence } from './defect-cells.ts';

export interface TargetDefects {
  /** The variable that switches the app's named bugs on, comma-separated. */
  env: string;
  names: readonly string[];
  /**
   * The defect matrix (`faultline matrix`): for each defect name, the scenarios that must catch it. A
   * name without cells is switchable with `--defects` but proves nothing in the matrix.
   */
  cells?: Readonly<Record<string, readonly DefectCell[]>>;
}

/**
 * One of the app's own checks: an invariant only this app has (its presence counts, its own
 * figures), judged like a built-in check — a pure function of the recorded timeline, named by a
 * scenario under `targetChecks`, usable in the matrix's cells. It reads what the timeline records:
 * samples (with the `reading`s its requests' `read` made), faults, health, process events, logs.
 */
export type TargetCheck<Options = unknown> = Omit<Check<Options>, 'name'>;

export interface TargetDefinition<State = unknown> {
  /** A short name for reports: 'library-loans'. */
  name: string;
  app: TargetApp;
  database: TargetDatabase;
  /** Builds what requests need beyond the pools (tokens, a manifest), once per environment. */
  prepare?(context: PrepareContext): Promise<State>;
  health: TargetHealth;
  /**
   * A folder (relative to the config file) of the target's own scenarios and suites, beside the
   * catalog's: those that only make sense for this app. A suite here named like one of the catalog's
   * takes its place for this target (e.g. a `release` that adds the app's own scenarios).
   */
  scenarios?: string;
  /** The requests load is made of, by name. */
  requests: Readonly<Record<string, RequestDefinition<State>>>;
  /** The mix a scenario without its own gets: request name → weight. */
  defaultMix: Readonly<Record<string, number>>;
  /** The app's timing (from the environment it starts with, when a function); scenario bounds use it. */
  bounds?: TargetBounds | ((appEnv: Readonly<Record<string, string>>) => TargetBounds);
  errors?: TargetErrors;
  /** How acknowledged writes are confirmed (no-lost-writes); required when a request is a write. */
  writes?: TargetWrites;
  defects?: TargetDefects;
  /** How the app logs (default: JSON lines). */
  logs?: TargetLogs;
  /** What giving up at startup looks like (default: exit 1 after one fatal 'startup.failed' line). */
  startup?: TargetStartup;
  /**
   * The app's own checks, by kebab-case name (never a built-in check's): scenarios name them under
   * `targetChecks`, and matrix cells in mustFail/mustPass/evidence like built-in ones.
   */
  checks?: Readonly<Record<string, TargetCheck>>;
}

/** A validated definition, with the folder its relative paths are resolved from. */
export interface Target<State = unknown> extends TargetDefinition<State> {
  /** The absolute folder `app.cwd` and `sql` paths are relative to (the config file's, by default). */
  readonly root: string;
}

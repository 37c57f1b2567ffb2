// Fault descriptors: plain data a scenario puts on its timeline. They say WHAT to do; the fault
// implementations in harness/faults/ (one per `type`) say HOW, over the Toxiproxy API or the
// environment's process controls. Every field is validated with its default applied before a run.

export type ToxicStream = 'downstream' | 'upstream';

/** Fields every Toxiproxy-toxic fault accepts. */
export interface ToxicOptions {
  /** 'downstream' (server → app, Toxiproxy's default) or 'upstream' (app → server). */
  stream: ToxicStream;
  /** Probability in [0, 1] that a connection gets the toxic (rolled once per connection). */
  toxicity: number;
}

/** Overrides what checks assume about a slow fault, e.g. latency beyond the app's query timeout. */
export interface EffectOverride {
  effect?: 'unavailable' | 'degraded';
}

export interface DbDown {
  type: 'dbDown';
}
/** Re-enables the database proxy; closes the dbDown windows it restores. */
export interface DbUp {
  type: 'dbUp';
}
export interface DbLatency extends ToxicOptions, EffectOverride {
  type: 'dbLatency';
  latencyMs: number;
  jitterMs: number;
}
/** A black hole: data is dropped; with timeoutMs > 0 the connection is closed after it. */
export interface DbTimeout extends ToxicOptions {
  type: 'dbTimeout';
  timeoutMs: number;
}
export interface DbResetPeer extends ToxicOptions {
  type: 'dbResetPeer';
  timeoutMs: number;
}
/** Toxiproxy's bandwidth toxic; its `rate` is in kilobytes per second. */
export interface DbBandwidth extends ToxicOptions, EffectOverride {
  type: 'dbBandwidth';
  rateKbps: number;
}
export interface DbSlicer extends ToxicOptions, EffectOverride {
  type: 'dbSlicer';
  averageSizeBytes: number;
  sizeVariationBytes: number;
  delayUs: number;
}
export interface DbLimitData extends ToxicOptions {
  type: 'dbLimitData';
  bytes: number;
}
/** One table locked ACCESS EXCLUSIVE (a migration): queries on it wait, the others run. */
export interface DbLockTable {
  type: 'dbLockTable';
  /** The table's name in the app's database schema. */
  table: string;
}
/** SQL run once over the direct connection, behind the app's back (an admin script, another service). */
export interface DbExecute {
  type: 'dbExecute';
  /** One or more statements, run in one transaction. */
  sql: string;
}
export interface RedisDown {
  type: 'redisDown';
}
export interface RedisUp {
  type: 'redisUp';
}
export interface RedisLatency extends ToxicOptions {
  type: 'redisLatency';
  latencyMs: number;
  jitterMs: number;
}
/** A Redis black hole: replies are dropped; with timeoutMs > 0 the connection is closed after it. */
export interface RedisTimeout extends ToxicOptions {
  type: 'redisTimeout';
  timeoutMs: number;
}
export interface PostgresStop {
  type: 'postgresStop';
  mode: 'fast' | 'immediate';
}
export interface PostgresStart {
  type: 'postgresStart';
}
export interface PostgresRestart {
  type: 'postgresRestart';
  mode: 'fast' | 'immediate';
}
export interface AppKill {
  type: 'appKill';
  signal: 'SIGKILL' | 'SIGTERM';
}
export interface AppStart {
  type: 'appStart';
}
export interface AppRestart {
  type: 'appRestart';
}
/** Each app instance in turn: SIGTERM, wait for the exit, start, wait until ready; then the next. */
export interface RollingRestart {
  type: 'rollingRestart';
}

export type Fault =
  | DbDown
  | DbUp
  | DbLatency
  | DbTimeout
  | DbResetPeer
  | DbBandwidth
  | DbSlicer
  | DbLimitData
  | DbLockTable
  | DbExecute
  | RedisDown
  | RedisUp
  | RedisLatency
  | RedisTimeout
  | PostgresStop
  | PostgresStart
  | PostgresRestart
  | AppKill
  | AppStart
  | AppRestart
  | RollingRestart;

export type FaultType = Fault['type'];

/** What a scenario file writes: the same descriptors with optional fields left out. */
export type FaultInput = {
  [T in FaultType]: { type: T } & Partial<Omit<Extract<Fault, { type: T }>, 'type'>>;
}[FaultType];

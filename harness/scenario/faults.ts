// The helpers scenario files build fault descriptors with, and what each fault type means for the
// run: what it targets, what the app should observe, whether it can be reverted, what it restores.
import type { FaultEffect, FaultTarget } from '../timeline/types.ts';
import type { Fault, FaultInput, FaultType, ToxicOptions } from './fault-types.ts';

export interface FaultTraits {
  target: FaultTarget;
  /** What checks assume while it holds (a `effect` field on the descriptor overrides it). */
  effect: FaultEffect;
  /** Can be undone at the end of a during()/every() window. */
  revertible: boolean;
  /** Applying it ends the open windows of these types (dbUp ends dbDown). */
  restores?: FaultType[];
}

export const FAULT_TRAITS: Record<FaultType, FaultTraits> = {
  dbDown: { target: 'database', effect: 'unavailable', revertible: true },
  dbUp: { target: 'database', effect: 'restore', revertible: false, restores: ['dbDown'] },
  dbLatency: { target: 'database', effect: 'degraded', revertible: true },
  dbTimeout: { target: 'database', effect: 'unavailable', revertible: true },
  dbResetPeer: { target: 'database', effect: 'unavailable', revertible: true },
  dbBandwidth: { target: 'database', effect: 'degraded', revertible: true },
  dbSlicer: { target: 'database', effect: 'degraded', revertible: true },
  dbLimitData: { target: 'database', effect: 'unavailable', revertible: true },
  // Queries on one table wait for the lock; the database serves the rest.
  dbLockTable: { target: 'database', effect: 'degraded', revertible: true },
  // Data changed behind the app's back: the database stays available; the window is the statement's time.
  dbExecute: { target: 'database', effect: 'degraded', revertible: false },
  redisDown: { target: 'redis', effect: 'unavailable', revertible: true },
  redisUp: { target: 'redis', effect: 'restore', revertible: false, restores: ['redisDown'] },
  redisLatency: { target: 'redis', effect: 'degraded', revertible: true },
  redisTimeout: { target: 'redis', effect: 'unavailable', revertible: true },
  postgresStop: { target: 'database', effect: 'unavailable', revertible: true },
  postgresStart: { target: 'database', effect: 'restore', revertible: false, restores: ['postgresStop'] },
  // A restart is one action whose window lasts until PostgreSQL is back.
  postgresRestart: { target: 'database', effect: 'unavailable', revertible: false },
  appKill: { target: 'app', effect: 'unavailable', revertible: true },
  appStart: { target: 'app', effect: 'restore', revertible: false, restores: ['appKill'] },
  appRestart: { target: 'app', effect: 'unavailable', revertible: false },
  // Instances leave one at a time; while one is away the others serve (the window is app-down for
  // the checks' phases, and a scenario that says "nothing fails" allows no error in it).
  rollingRestart: { target: 'app', effect: 'unavailable', revertible: false },
};

export const FAULT_TYPES = Object.keys(FAULT_TRAITS) as FaultType[];

/** The effect checks should assume for this descriptor. */
export function faultEffect(fault: Fault): FaultEffect {
  if ('effect' in fault && fault.effect !== undefined) return fault.effect;
  return FAULT_TRAITS[fault.type].effect;
}

/** The capability the environment needs to apply it ('processControl', 'postgresControl', 'redis'), if any. */
export function faultNeeds(type: FaultType): 'processControl' | 'postgresControl' | 'redis' | null {
  if (type.startsWith('app') || type === 'rollingRestart') return 'processControl';
  if (type.startsWith('postgres')) return 'postgresControl';
  if (type.startsWith('redis')) return 'redis';
  return null;
}

type Toxic = Partial<ToxicOptions>;
type Effect = { effect?: 'unavailable' | 'degraded' };

/** Disable the database proxy: new and open connections fail. */
export const dbDown = (): FaultInput => ({ type: 'dbDown' });
/** Re-enable the database proxy. */
export const dbUp = (): FaultInput => ({ type: 'dbUp' });
export const dbLatency = (options: { latencyMs: number; jitterMs?: number } & Toxic & Effect): FaultInput => ({
  type: 'dbLatency',
  ...options,
});
/** A black hole: nothing comes back; with timeoutMs > 0 the proxy closes the connection after it. */
export const dbTimeout = (options: { timeoutMs?: number } & Toxic = {}): FaultInput => ({
  type: 'dbTimeout',
  ...options,
});
export const dbResetPeer = (options: { timeoutMs?: number } & Toxic = {}): FaultInput => ({
  type: 'dbResetPeer',
  ...options,
});
export const dbBandwidth = (options: { rateKbps: number } & Toxic & Effect): FaultInput => ({
  type: 'dbBandwidth',
  ...options,
});
export const dbSlicer = (
  options: { averageSizeBytes: number; sizeVariationBytes?: number; delayUs?: number } & Toxic & Effect,
): FaultInput => ({ type: 'dbSlicer', ...options });
export const dbLimitData = (options: { bytes: number } & Toxic): FaultInput => ({ type: 'dbLimitData', ...options });
/** Lock one table ACCESS EXCLUSIVE for the window, over a direct connection (a migration holding it). */
export const dbLockTable = (options: { table: string }): FaultInput => ({ type: 'dbLockTable', ...options });
export const dbExecute = (sql: string): FaultInput => ({ type: 'dbExecute', sql });
export const redisDown = (): FaultInput => ({ type: 'redisDown' });
export const redisUp = (): FaultInput => ({ type: 'redisUp' });
export const redisLatency = (options: { latencyMs: number; jitterMs?: number } & Toxic): FaultInput => ({
  type: 'redisLatency',
  ...options,
});
/** A Redis black hole: nothing comes back; with timeoutMs > 0 the proxy closes the connection after it. */
export const redisTimeout = (options: { timeoutMs?: number } & Toxic = {}): FaultInput => ({
  type: 'redisTimeout',
  ...options,
});
export const postgresStop = (options: { mode?: 'fast' | 'immediate' } = {}): FaultInput => ({
  type: 'postgresStop',
  ...options,
});
export const postgresStart = (): FaultInput => ({ type: 'postgresStart' });
export const postgresRestart = (options: { mode?: 'fast' | 'immediate' } = {}): FaultInput => ({
  type: 'postgresRestart',
  ...options,
});
export const appKill = (options: { signal?: 'SIGKILL' | 'SIGTERM' } = {}): FaultInput => ({
  type: 'appKill',
  ...options,
});
export const appStart = (): FaultInput => ({ type: 'appStart' });
export const appRestart = (): FaultInput => ({ type: 'appRestart' });
/** Each app instance in turn: SIGTERM, exit, start, ready again; then the next. */
export const rollingRestart = (): FaultInput => ({ type: 'rollingRestart' });

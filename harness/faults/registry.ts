// Every fault type, looked up by name; one implementation per file beside this one.
import type { FaultType } from '../scenario/fault-types.ts';
import { FAULT_TYPES } from '../scenario/faults.ts';
import type { FaultAction } from './types.ts';
import { dbDown } from './db-down.ts';
import { dbUp } from './db-up.ts';
import { redisDown } from './redis-down.ts';
import { redisUp } from './redis-up.ts';
import { dbLatency } from './db-latency.ts';
import { redisLatency } from './redis-latency.ts';
import { redisTimeout } from './redis-timeout.ts';
import { dbTimeout } from './db-timeout.ts';
import { dbResetPeer } from './db-reset-peer.ts';
import { dbBandwidth } from './db-bandwidth.ts';
import { dbSlicer } from './db-slicer.ts';
import { dbLimitData } from './db-limit-data.ts';
import { dbExecute } from './db-execute.ts';
import { dbLockTable } from './db-lock-table.ts';
import { postgresStop } from './postgres-stop.ts';
import { postgresStart } from './postgres-start.ts';
import { postgresRestart } from './postgres-restart.ts';
import { appKill } from './app-kill.ts';
import { appStart } from './app-start.ts';
import { appRestart } from './app-restart.ts';
import { rollingRestart } from './rolling-restart.ts';

const ALL = [
  dbDown,
  dbUp,
  redisDown,
  redisUp,
  dbLatency,
  redisLatency,
  redisTimeout,
  dbTimeout,
  dbResetPeer,
  dbBandwidth,
  dbSlicer,
  dbLimitData,
  dbLockTable,
  dbExecute,
  postgresStop,
  postgresStart,
  postgresRestart,
  appKill,
  appStart,
  appRestart,
  rollingRestart,
] as FaultAction[];

export const FAULT_ACTIONS: ReadonlyMap<FaultType, FaultAction> = new Map(ALL.map((action) => [action.type, action]));

// Every descriptor a scenario can write has an implementation (checked when this module loads).
const missing = FAULT_TYPES.filter((type) => !FAULT_ACTIONS.has(type));
if (missing.length > 0) throw new Error(`fault types without an implementation: ${missing.join(', ')}`);

export function faultAction(type: FaultType): FaultAction {
  const action = FAULT_ACTIONS.get(type);
  if (action === undefined) throw new Error(`unknown fault type ${type}`);
  return action;
}

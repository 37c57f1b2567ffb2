// Every fault, one line each: a fault is its own file (options, builder, traits, controls, what it
// does and undoes), and this line is all it takes to make it known — to scenario files (the builder
// by its name), the scenario schema, JSON/YAML scenarios, the scheduler and `faultline inject`.
// The name a fault is exported under is its type (checked in lookup.ts and its test).
export { dbDown } from './db-down.ts';
export { dbUp } from './db-up.ts';
export { dbLatency } from './db-latency.ts';
export { dbTimeout } from './db-timeout.ts';
export { dbResetPeer } from './db-reset-peer.ts';
export { dbBandwidth } from './db-bandwidth.ts';
export { dbSlicer } from './db-slicer.ts';
export { dbLimitData } from './db-limit-data.ts';
export { dbLockTable } from './db-lock-table.ts';
export { dbExecute } from './db-execute.ts';
export { redisDown } from './redis-down.ts';
export { redisUp } from './redis-up.ts';
export { redisLatency } from './redis-latency.ts';
export { redisTimeout } from './redis-timeout.ts';
export { postgresStop } from './postgres-stop.ts';
export { postgresStart } from './postgres-start.ts';
export { postgresRestart } from './postgres-restart.ts';
export { appKill } from './app-kill.ts';
export { appStart } from './app-start.ts';
export { appRestart } from './app-restart.ts';
export { rollingRestart } from './rolling-restart.ts';
export { instanceKill } from './instance-kill.ts';

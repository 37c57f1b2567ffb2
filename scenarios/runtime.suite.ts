import { defineSuite } from '../harness/scenario/index.ts';
import appKillRestart from './app-kill-restart.ts';
import chatUnderDbOutage from './chat-under-db-outage.ts';
import dbBandwidthStarved from './db-bandwidth-starved.ts';
import dbBlackhole from './db-blackhole.ts';
import dbConnectionReset from './db-connection-reset.ts';
import dbLockContention from './db-lock-contention.ts';
import dbLatencySpike from './db-latency-spike.ts';
import dbOutageUnderLoad from './db-outage-under-load.ts';
import dbSlicedPackets from './db-sliced-packets.ts';
import idleDbOutage from './idle-db-outage.ts';
import loginGuessingRedisDown from './login-guessing-redis-down.ts';
import poolExhaustion from './pool-exhaustion.ts';
import postgresRestart from './postgres-restart.ts';
import redisBlackholeUnderLoad from './redis-blackhole-under-load.ts';
import redisOutageUnderLoad from './redis-outage-under-load.ts';
import restartIntoDbOutage from './restart-into-db-outage.ts';
import rollingRestart from './rolling-restart.ts';

export default defineSuite({
  name: 'runtime',
  description:
    "Faults while the app serves load: outages, latency, black holes, resets, a degraded network, a PostgreSQL or app restart (also into an outage), a rolling restart of two instances, pool exhaustion, a table locked by a migration, Redis going away, slowing down or going silent, password guessing while Redis is down, a database lost while nobody asks, the chat's sockets during an outage.",
  scenarios: [
    dbOutageUnderLoad,
    dbLatencySpike,
    dbBlackhole,
    dbConnectionReset,
    dbBandwidthStarved,
    dbSlicedPackets,
    postgresRestart,
    appKillRestart,
    poolExhaustion,
    redisOutageUnderLoad,
    redisBlackholeUnderLoad,
    restartIntoDbOutage,
    chatUnderDbOutage,
    dbLockContention,
    loginGuessingRedisDown,
    idleDbOutage,
    rollingRestart,
  ],
});

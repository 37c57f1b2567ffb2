import { defineSuite } from '../harness/scenario/index.ts';
import appKillRestart from './app-kill-restart.ts';
import dbBandwidthStarved from './db-bandwidth-starved.ts';
import dbBlackhole from './db-blackhole.ts';
import dbConnectionReset from './db-connection-reset.ts';
import dbLatencySpike from './db-latency-spike.ts';
import dbOutageUnderLoad from './db-outage-under-load.ts';
import dbSlicedPackets from './db-sliced-packets.ts';
import postgresRestart from './postgres-restart.ts';
import redisBlackholeUnderLoad from './redis-blackhole-under-load.ts';
import redisOutageUnderLoad from './redis-outage-under-load.ts';
import rollingRestart from './rolling-restart.ts';

export default defineSuite({
  name: 'runtime',
  description:
    'Faults while the app serves load: outages, latency, black holes, resets, a degraded network, a PostgreSQL or app restart, a rolling restart of two instances, Redis going away or going silent.',
  scenarios: [
    dbOutageUnderLoad,
    dbLatencySpike,
    dbBlackhole,
    dbConnectionReset,
    dbBandwidthStarved,
    dbSlicedPackets,
    postgresRestart,
    appKillRestart,
    redisOutageUnderLoad,
    redisBlackholeUnderLoad,
    rollingRestart,
  ],
});

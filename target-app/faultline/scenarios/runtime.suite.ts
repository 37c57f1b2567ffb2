// The catalog's runtime suite, and the reference app's own runtime scenarios: those that need its
// settings (pool size, ping interval, retry budget), its routes (a locked table, password guessing)
// or its chat (presence across instances).
import { defineSuite } from '../../../harness/scenario/index.ts';
import catalog from '../../../scenarios/runtime.suite.ts';
import chatUnderDbOutage from './chat-under-db-outage.ts';
import dbLockContention from './db-lock-contention.ts';
import idleDbOutage from './idle-db-outage.ts';
import loginGuessingRedisDown from './login-guessing-redis-down.ts';
import poolExhaustion from './pool-exhaustion.ts';
import presenceAfterInstanceCrash from './presence-after-instance-crash.ts';
import restartIntoDbOutage from './restart-into-db-outage.ts';

export default defineSuite({
  name: 'runtime',
  description: `${catalog.description} Also: pool exhaustion, a restart into an outage, the chat's sockets during an outage, a table locked by a migration, password guessing while Redis is down, a database lost while nobody asks, chat presence after one of two instances crashes.`,
  scenarios: [
    ...catalog.scenarios,
    poolExhaustion,
    restartIntoDbOutage,
    chatUnderDbOutage,
    dbLockContention,
    loginGuessingRedisDown,
    idleDbOutage,
    presenceAfterInstanceCrash,
  ],
});

import { defineSuite } from '../harness/scenario/index.ts';
import startupDbFlapping from './startup-db-flapping.ts';
import startupDbLate from './startup-db-late.ts';
import startupDbSlow from './startup-db-slow.ts';
import startupRedisDown from './startup-redis-down.ts';
import startupThunderingHerd from './startup-thundering-herd.ts';

export default defineSuite({
  name: 'startup',
  description:
    'The startup race: the app booting while its database (or Redis) is late, flapping or slow, and while traffic already arrives.',
  scenarios: [startupDbLate, startupDbFlapping, startupDbSlow, startupThunderingHerd, startupRedisDown],
});

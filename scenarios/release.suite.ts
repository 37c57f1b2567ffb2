import { defineSuite } from '../harness/scenario/index.ts';
import concurrentDeleteRace from './concurrent-delete-race.ts';
import healthTruthful from './health-truthful.ts';
import p2025Sweep from './p2025-sweep.ts';
import runtime from './runtime.suite.ts';
import startup from './startup.suite.ts';
import usersDeletedBehindTheApp from './users-deleted-behind-the-app.ts';

export default defineSuite({
  name: 'release',
  description: 'Everything in the catalog — startup, runtime under load, records, health: the gate before a release.',
  scenarios: [
    ...startup.scenarios,
    ...runtime.scenarios,
    p2025Sweep,
    concurrentDeleteRace,
    usersDeletedBehindTheApp,
    healthTruthful,
  ],
});

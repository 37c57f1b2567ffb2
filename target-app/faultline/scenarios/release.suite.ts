// The release gate for the reference app: the catalog's scenarios and its own.
import { defineSuite } from '../../../harness/scenario/index.ts';
import healthTruthful from '../../../scenarios/health-truthful.ts';
import p2025Sweep from '../../../scenarios/p2025-sweep.ts';
import concurrentDeleteRace from './concurrent-delete-race.ts';
import runtime from './runtime.suite.ts';
import startup from './startup.suite.ts';
import usersDeletedBehindTheApp from './users-deleted-behind-the-app.ts';

export default defineSuite({
  name: 'release',
  description: 'Everything — startup, runtime under load, records, health: the gate before a release.',
  scenarios: [
    ...startup.scenarios,
    ...runtime.scenarios,
    p2025Sweep,
    concurrentDeleteRace,
    usersDeletedBehindTheApp,
    healthTruthful,
  ],
});

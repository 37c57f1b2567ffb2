import { defineSuite } from '../harness/scenario/index.ts';
import dbOutageUnderLoad from './db-outage-under-load.ts';
import p2025Sweep from './p2025-sweep.ts';
import startupDbLate from './startup-db-late.ts';

export default defineSuite({
  name: 'release',
  description: 'Everything in the catalog: the gate before a release.',
  scenarios: [startupDbLate, dbOutageUnderLoad, p2025Sweep],
});

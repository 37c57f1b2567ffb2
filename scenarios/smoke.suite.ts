import { defineSuite } from '../harness/scenario/index.ts';
import dbOutageUnderLoad from './db-outage-under-load.ts';
import p2025Sweep from './p2025-sweep.ts';
import startupDbLate from './startup-db-late.ts';

export default defineSuite({
  name: 'smoke',
  description:
    'A quick pass over the three failure modes of the post-mortem: the startup race, a runtime outage, P2025.',
  scenarios: [startupDbLate, dbOutageUnderLoad, p2025Sweep],
});

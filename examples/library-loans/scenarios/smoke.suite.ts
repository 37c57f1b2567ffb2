import { defineSuite } from 'faultline';
import dbOutageUnderLoad from './db-outage-under-load.ts';
import missingRecords from './missing-records.ts';
import startupDbLate from './startup-db-late.ts';

export default defineSuite({
  name: 'smoke',
  description:
    "library-loans' quick pass over the post-mortem's three failure modes: the startup race, an outage, P2025.",
  scenarios: [startupDbLate, dbOutageUnderLoad, missingRecords],
});

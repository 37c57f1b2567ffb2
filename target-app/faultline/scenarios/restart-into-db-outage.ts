import { appRestart, at, dbDown, defineScenario, during } from '../../../harness/scenario/index.ts';
import { WRITE_HEAVY_MIX } from '../templates.ts';
import { HEALTH_LAG_MS, MACHINE_SLACK_MS, RECOVERY_BOUND_MS, minConnectBudgetMs } from './bounds.ts';

const OUTAGE_FROM_MS = 3_000;
const RESTART_AT_MS = 6_000;
const OUTAGE_UNTIL_MS = 20_000;
/**
 * A retry budget that outlasts what is left of the outage after the restart, even with every
 * backoff delay at its shortest: the new process must wait for the database, not give up (giving
 * up is startup-db-never's subject).
 */
const MAX_RETRIES = 24;
if (minConnectBudgetMs(MAX_RETRIES) < OUTAGE_UNTIL_MS - RESTART_AT_MS + MACHINE_SLACK_MS)
  throw new Error('restart-into-db-outage: the retry budget must outlast the outage after the restart');

export default defineScenario({
  name: 'restart-into-db-outage',
  description:
    'The database goes away, and while it is gone the app is restarted (a deploy, an orchestrator replacing an instance it thinks is unhealthy): the new process starts into the outage. It must not claim ready before it has connected — no "ok" from its health endpoints, no listener that answers as if all were well — keep retrying instead of exiting, answer nothing but 503 or a refused connection meanwhile, and serve once the database is back.',
  timeline: [
    during(OUTAGE_FROM_MS, OUTAGE_UNTIL_MS, dbDown()),
    // Well inside the outage: the new process has about twelve seconds of it to tell the truth in.
    at(RESTART_AT_MS, appRestart()),
  ],
  app: { env: { DB_CONNECT_MAX_RETRIES: MAX_RETRIES } },
  duration: '30s',
  // Writes are dense, so one is in flight at each edge of the outage (no-lost-writes asserts it).
  load: { rate: 40, mix: WRITE_HEAVY_MIX },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    // From the database's return, not from the restart: the new process is meant to wait for it.
    'recovers-within': { withinMs: RECOVERY_BOUND_MS, targets: ['database'] },
    'health-truthful': { lagMs: HEALTH_LAG_MS },
    'no-lost-writes': true,
  },
});

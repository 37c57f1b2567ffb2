import { appRestart, at, dbDown, defineScenario, during } from '../harness/scenario/index.ts';
import { HEALTH_LAG_MS, RECOVERY_BOUND_MS } from './bounds.ts';

export default defineScenario({
  name: 'restart-into-db-outage',
  description:
    'The database goes away, and while it is gone the app is restarted (a deploy, an orchestrator replacing an instance it thinks is unhealthy): the new process starts into the outage. It must not claim ready before it has connected — no "ok" from its health endpoints, no listener that answers as if all were well — keep retrying instead of exiting, answer nothing but 503 or a refused connection meanwhile, and serve once the database is back.',
  timeline: [
    during('3s', '20s', dbDown()),
    // Well inside the outage: the new process has about twelve seconds of it to tell the truth in.
    at('6s', appRestart()),
  ],
  duration: '28s',
  load: { rate: 30 },
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

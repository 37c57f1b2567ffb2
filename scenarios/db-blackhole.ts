import { dbTimeout, defineScenario, during } from '../harness/scenario/index.ts';
import { DB_FAULT_REQUEST_BUDGET_MS, RECOVERY_BOUND_MS } from './bounds.ts';

export default defineScenario({
  name: 'db-blackhole',
  description:
    'The database stops answering without closing anything (a black-holed route, a frozen instance): packets go out, nothing comes back. Without bounded pools and query timeouts every request hangs forever. The app must answer 503 within its timeout budget (one wait for a connection plus one query timeout), let no request hang, lose no acknowledged write, and recover when the route comes back.',
  timeline: [during('4s', '10s', dbTimeout({ timeoutMs: 0 }))],
  duration: '19s',
  load: {
    rate: 20,
    timeout: DB_FAULT_REQUEST_BUDGET_MS + 5_000,
    mix: { 'events.list': 3, 'events.get': 3, 'users.me': 2, 'tickets.create': 3 },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
    'no-lost-writes': true,
    latency: { fault: [`max<${DB_FAULT_REQUEST_BUDGET_MS}`] },
  },
});

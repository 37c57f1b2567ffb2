import { DEFAULT_MIX } from '../templates.ts';
import { afterReady, dbDown, defineScenario, during } from '../../../harness/scenario/index.ts';
import { AUTH_CACHE_TTL_MS, DB_FAULT_REQUEST_BUDGET_MS, RECOVERY_BOUND_MS, SOCKET_CACHED_CHECK_MS } from './bounds.ts';

export default defineScenario({
  name: 'chat-under-db-outage',
  description:
    'The database becomes unreachable while clients use the event chat over Socket.IO beside the HTTP API (connect with a token, join an event, send with an acknowledgement). A socket handshake passes no readiness gate: the app must refuse it as unavailable once it cannot check the token — never admit it unchecked — answer every session and request within its timeouts, not crash, and serve again once the database is back.',
  app: { env: { AUTH_CACHE_TTL_MS } },
  timeline: [during(afterReady('3s'), afterReady('11s'), dbDown())],
  duration: '21s',
  // The usual HTTP mix and a chat session for every two and a half of its requests: about eight a second.
  load: { rate: 30, mix: { ...DEFAULT_MIX, 'chat.session': 10 } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'sockets-fail-closed': { cachedForMs: SOCKET_CACHED_CHECK_MS },
    'answered-within': { withinMs: DB_FAULT_REQUEST_BUDGET_MS, kinds: ['read', 'write', 'p2025-probe', 'socket'] },
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'db-failures-are-503': true,
    'recovers-within': { withinMs: RECOVERY_BOUND_MS },
  },
});

// The defect registry: named switches that put back the bugs the production fixes removed, so the
// harness can prove that each of its checks fails when the bug is present. All are off unless
// TARGET_APP_DEFECTS names them. They are read only at composition points (startup, the error
// mapping, the database middleware, health, the write path), so the healthy code reads clean.
export const DEFECTS = {
  'listen-before-db': 'HTTP server listens before the database is connected; routes run without the readiness gate',
  'unhandled-p2025':
    'P2025 from fire-and-forget and service updates escapes as an unhandled rejection (crash) or a 500',
  'db-errors-as-500': 'database connection errors map to 500 instead of 503',
  'exit-on-db-error': 'the process exits on the first database connection error at runtime',
  'no-reconnect': 'after the database is lost, the app never reconnects (keeps answering 503)',
  'ack-before-commit': 'ticket writes are acknowledged before they are committed (and lost if the commit fails)',
  'health-always-ok': 'health endpoints always answer 200 ok, whatever the database does',
  'redis-critical': 'Redis is treated as critical: unreachable Redis at boot exits, at runtime fails requests',
  'no-connect-retry': 'the startup connection is tried once; no retry, no backoff',
  'ready-before-connect':
    'the app listens at once and its health endpoints say ready before the first successful database connection',
  'redis-unbounded': 'Redis commands have no timeout: a Redis that stops answering holds every cached request forever',
  'missing-parent-500':
    "a create whose parent (event, organizer, the caller's user) is missing or deleted answers 500 instead of 404",
  'no-query-timeout':
    "the pool's query and statement timeouts are removed: a query on a silent database hangs until it speaks again",
  'silent-startup-exit':
    'when the startup gives up on the database, the process exits 0 without its fatal startup.failed line',
  'rate-limit-fails-open': 'with Redis configured but down, login and code issuing are not rate limited at all',
  'no-drain':
    'on SIGTERM the app closes at once: readiness never answers 503, no drain delay, in-flight requests are cut',
  'auth-fails-open':
    'when the database cannot say whether a token is revoked, the token is honoured anyway (HTTP and Socket.IO)',
  'timeouts-flip-state':
    'one statement, query or pool-acquire timeout marks the database lost: every request answers 503 until a reconnection ping succeeds (src/lib/database-timeouts.test.ts)',
  'no-background-ping':
    'an idle app never notices a lost database: its state changes only when a request or a health ping fails (src/lib/database-watch.test.ts)',
  'presence-without-expiry':
    "chat presence never expires: a crashed instance's sockets stay counted for ever (src/socket/multi-instance.test.ts)",
} as const;

/** The defects, each caught by a release scenario (target-app/faultline/defect-matrix.ts). */
export type DefectName = keyof typeof DEFECTS;
export const DEFECT_NAMES = Object.keys(DEFECTS) as DefectName[];

export interface Defects {
  has(name: DefectName): boolean;
  readonly enabled: readonly DefectName[];
}

export function createDefects(enabled: readonly DefectName[]): Defects {
  const set = new Set(enabled);
  return { has: (name) => set.has(name), enabled: [...set] };
}

export const NO_DEFECTS: Defects = createDefects([]);

// library-loans as a Faultline target: how it starts, its database, its requests. `npx faultline run`
// in this folder runs against it. Its bugs (LIBRARY_BUGS) let `--defects` show the checks failing.
import { defineTarget } from 'faultline';

/** The key the service is started with, and the writes carry. */
const API_KEY = 'faultline-load-key';
const WRITER = { 'x-api-key': API_KEY };
/** Ids no row has: the service's ids are small serials. */
const missingId = (rng: () => number): number => 1_000_000 + Math.floor(rng() * 1_000_000);

export default defineTarget({
  name: 'library-loans',
  app: {
    // Node runs the service itself (tsx as a loader), so kill faults signal its own pid.
    command: ['node', '--import', 'tsx', 'src/main.ts'],
    // Its Prisma client, generated when the schema changed since (npm install does not make it).
    build: { command: ['node', 'scripts/generate.mjs', '--if-stale'] },
    env: {
      LIBRARY_API_KEY: API_KEY,
      CONNECT_ATTEMPTS: '8',
      CONNECT_TIMEOUT_MS: '2000',
      QUERY_TIMEOUT_MS: '2000',
      RECHECK_MS: '500',
    },
    inject: { databaseUrl: 'LIBRARY_DB', port: 'HTTP_PORT' },
  },
  database: {
    migrate: { sql: 'prisma/migrations' },
    seed: { sql: 'prisma/seed.sql' },
    pools: { books: 'SELECT id FROM "Book"', members: 'SELECT id FROM "Member"' },
  },
  // /readyz says whether the database is up (200) or not (503); /healthz only that the process runs, so
  // it is not held to the database's state.
  health: { endpoints: { live: { path: '/healthz', polled: false }, ready: '/readyz' }, ready: 'ready' },
  errors: { code: (body) => (body as { kind?: string } | null)?.kind, unavailable: { code: 'unavailable' } },
  // Its logs are text (`level=fatal event=startup.failed msg="…"`); giving up at startup is exit 1
  // after one fatal startup.failed line (the defaults), and a crash is a fatal process.crash line.
  logs: { format: 'text' },
  requests: {
    'books.list': { kind: 'read', build: () => ({ method: 'GET', path: '/books?limit=20', route: '/books' }) },
    'books.get': {
      kind: 'read',
      build: ({ pick }) => ({ method: 'GET', path: `/books/${pick('books')}`, route: '/books/:id' }),
    },
    'members.get': {
      kind: 'read',
      build: ({ pick }) => ({ method: 'GET', path: `/members/${pick('members')}`, route: '/members/:id' }),
    },
    'loans.create': {
      kind: 'write',
      build: ({ pick, nextKey }) => {
        const reference = nextKey();
        return {
          method: 'POST',
          path: '/loans',
          headers: WRITER,
          body: { reference, bookId: pick('books'), memberId: pick('members') },
          key: reference,
        };
      },
    },
    'books.get-missing': {
      kind: 'missing',
      build: ({ rng }) => ({ method: 'GET', path: `/books/${missingId(rng)}`, route: '/books/:id' }),
    },
    'loans.return-missing': {
      kind: 'missing',
      build: ({ rng }) => ({
        method: 'POST',
        path: `/loans/${missingId(rng)}/return`,
        route: '/loans/:id/return',
        headers: WRITER,
      }),
    },
    'members.delete-missing': {
      kind: 'missing',
      build: ({ rng }) => ({
        method: 'DELETE',
        path: `/members/${missingId(rng)}`,
        route: '/members/:id',
        headers: WRITER,
      }),
    },
  },
  defaultMix: { 'books.list': 3, 'books.get': 3, 'members.get': 1, 'loans.create': 2, 'loans.return-missing': 1 },
  // Its timing, read from the settings it starts with (src/settings.ts): the catalog's bounds derive from it.
  bounds: (env) => {
    const attempts = Number(env.CONNECT_ATTEMPTS);
    const connectionTimeoutMs = Number(env.CONNECT_TIMEOUT_MS);
    // The backoff doubles from 250 ms to 4 s between attempts (src/database.ts).
    const backoffMs = Array.from({ length: attempts }, (_, attempt) => Math.min(250 * 2 ** attempt, 4_000));
    return {
      retryMaxDelayMs: 4_000,
      connectionTimeoutMs,
      queryTimeoutMs: Number(env.QUERY_TIMEOUT_MS),
      recheckMs: Number(env.RECHECK_MS),
      startupMs: backoffMs.reduce((sum, delay) => sum + delay, 0) + attempts * connectionTimeoutMs,
    };
  },
  writes: { readBack: 'SELECT reference FROM "Loan" WHERE reference = ANY($1::text[])' },
  // Its bugs, and the scenarios of Faultline's catalog that must catch each (`npx faultline matrix`):
  // the checks that must fail, those that must still pass, and the count that shows why.
  defects: {
    env: 'LIBRARY_BUGS',
    names: ['listen-early', 'p2025-500', 'db-errors-500'],
    cells: {
      'listen-early': [
        {
          scenario: 'startup-db-late',
          mustFail: ['health-truthful'],
          mustPass: ['no-crash', 'no-5xx-except-503', 'db-failures-are-503'],
          evidence: {
            check: 'health-truthful',
            count: 'down: untruthful',
            says: '/readyz said up while the database was down',
          },
          why: 'It listens at once and /readyz says ready for the eight seconds the database is not there yet, while its routes answer 503: the health lie is the whole bug.',
        },
        {
          scenario: 'db-outage-under-load',
          mustFail: ['health-truthful'],
          // Not no-5xx-except-503: with the gate open every request meets the lost pool, and now and
          // then one fails in a way the error mapping does not know (52 × 500 in one run) — a side
          // effect of the same bug, not another one.
          mustPass: ['no-crash'],
          evidence: {
            check: 'health-truthful',
            count: 'down: untruthful',
            says: '/readyz said up while the database was down',
          },
          why: '/readyz says ready whatever the database does, so it answers 200 through the whole outage while every route answers 503.',
        },
      ],
      'db-errors-500': [
        {
          scenario: 'db-outage-under-load',
          mustFail: ['db-failures-are-503', 'no-5xx-except-503'],
          mustPass: ['no-crash'],
          evidence: { check: 'no-5xx-except-503', count: '500', says: 'a 500 was answered' },
          why: 'Every request while the database is unreachable answers 500 instead of 503 with Retry-After; the service stays up.',
        },
      ],
      'p2025-500': [
        {
          scenario: 'p2025-sweep',
          mustFail: ['missing-records-are-404', 'no-5xx-except-503'],
          mustPass: ['no-crash'],
          evidence: { check: 'missing-records-are-404', count: '500', says: 'a missing record answered 500' },
          why: "Returning a loan or deleting a member that does not exist throws Prisma's P2025, which the bug lets through as a 500 instead of a 404, from the first such request on.",
        },
      ],
    },
  },
});

import { afterReady, at, dbExecute, defineScenario } from '../../../harness/scenario/index.ts';

/**
 * How long the app trusts a token check (AUTH_CACHE_TTL_MS), set for this run: longer than the app
 * throttles its "last seen" write (10 s), so every deleted user who keeps calling reaches that
 * write while the app still takes them for live.
 */
const AUTH_CACHE_TTL_MS = 30_000;

export default defineScenario({
  name: 'users-deleted-behind-the-app',
  description:
    "A script soft-deletes users straight in the database while they use the API (an erasure job, a manual fix in production). Until the app's token cache expires their requests still pass, and each still writes 'last seen' to a row that is gone: Prisma's P2025 there must be a logged skip — never an unhandled rejection that takes the process down. Their own profile is then 404, and once the app knows they are gone, every request is 401.",
  app: { env: { AUTH_CACHE_TTL_MS } },
  timeline: [at(afterReady('3s'), dbExecute(`UPDATE "users" SET "deletedAt" = now() WHERE "role" = 'USER'`))],
  duration: '18s',
  load: { rate: 30, mix: { 'users.me': 3, 'events.list': 1 } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'no-5xx-except-503': true,
    'status-allowlist': { steady: ['2xx', 401, 404], fault: ['2xx', 401, 404], grace: ['2xx', 401, 404] },
  },
});

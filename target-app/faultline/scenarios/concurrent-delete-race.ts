import { defineScenario } from '../../../harness/scenario/index.ts';

export default defineScenario({
  name: 'concurrent-delete-race',
  description:
    'Admins and owners delete, restore and update the same records at the same moment (two tabs, a retried request, a moderation queue). Whoever loses the race finds the row gone: Prisma P2025, which must be a 404 — every answer is a 2xx or a 404, never a 500 — and the process never falls over.',
  // The sweep counts from the app being ready: a slow boot must not eat the requests that prove it.
  clock: 'ready',
  duration: '12s',
  load: {
    rate: 40,
    mix: {
      'race.users.update': 3,
      'race.users.delete': 2,
      'race.users.restore': 2,
      'race.events.update': 3,
      'race.events.publish': 1,
      'race.events.unpublish': 1,
      'race.events.delete': 1,
      'artists.update-missing': 1,
      'events.update-missing': 1,
    },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': true,
    'no-5xx-except-503': true,
    'missing-records-are-404': true,
  },
});

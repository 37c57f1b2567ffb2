import { defineScenario } from '../harness/scenario/index.ts';

export default defineScenario({
  name: 'p2025-sweep',
  description:
    'Clients update, publish and delete records that are missing or soft-deleted (stale tabs, retried requests, deleted accounts with live tokens). Before the fix, Prisma P2025 escaped as unhandled exceptions: 500s, and crashed containers for fire-and-forget writes.',
  duration: '10s',
  load: {
    rate: 40,
    mix: {
      'artists.update-missing': 2,
      'venues.update-missing': 2,
      'events.update-missing': 2,
      'organizers.admin-update-missing': 2,
      'admin-users.update-missing': 2,
      'tickets.status-missing': 2,
      'users.me-update-deleted': 2,
      'events.get': 1,
    },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'missing-records-are-404': true,
    'no-5xx-except-503': true,
    'status-allowlist': true,
  },
});

import { defineScenario } from '../harness/scenario/index.ts';

export default defineScenario({
  name: 'p2025-sweep',
  description:
    'Clients update, publish and delete records that are missing or soft-deleted (stale tabs, retried requests), and create under an organizer or event that is missing or deleted. Before the fix, Prisma P2025 escaped as unhandled exceptions: 500s, and crashed containers for fire-and-forget writes. Every P2025 operation of the twelve services, and every create whose parent is missing or deleted, must answer 404, and the process must stay up.',
  // The sweep counts from the app being ready: a slow boot must not eat the requests that prove it.
  clock: 'ready',
  duration: '10s',
  load: {
    rate: 40,
    // Every P2025 operation the API exposes, on missing and soft-deleted rows, by admins. Deleted
    // users' tokens are not in the mix: the reference app revokes them (401 before any write), so
    // their P2025 paths are reachable only in a race its own tests drive.
    mix: {
      'artists.update-missing': 1,
      'artists.delete-missing': 1,
      'venues.update-missing': 1,
      'venues.delete-missing': 1,
      'events.update-missing': 1,
      'events.publish-missing': 1,
      'events.unpublish-missing': 1,
      'events.delete-missing': 1,
      'organizers.update-missing': 1,
      'organizers.admin-update-missing': 1,
      'organizers.approval-missing': 1,
      'organizers.delete-missing': 1,
      'admin-users.update-missing': 1,
      'admin-users.delete-missing': 1,
      'admin-users.restore-missing': 1,
      'admin-organizers.update-missing': 1,
      'follows.follow-missing': 1,
      'follows.unfollow-never-followed': 1,
      'tickets.status-missing': 1,
      'tickets.verify-missing': 1,
      'chat.delete-missing': 1,
      'phone-verification.organizer-verify-missing': 1,
      // Creates under a missing parent: a deleted or never-existing organizer or event. Creates by a
      // deleted caller are left out for the same reason as the other deleted-user probes (401).
      'events.create-missing-organizer': 1,
      'tickets.create-missing-event': 1,
      'chat.send-missing-event': 1,
      'events.get': 2,
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

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
    // Every request of the target for a record that is missing or soft-deleted (its P2025 paths), and a
    // few reads beside them: the probes must answer 404 while the app serves the rest.
    mix: { kinds: { missing: 1, read: 0.1 } },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'missing-records-are-404': true,
    'no-5xx-except-503': true,
    'status-allowlist': true,
  },
});

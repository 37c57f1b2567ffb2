import { defineScenario } from 'faultline';

export default defineScenario({
  name: 'missing-records',
  description:
    'Clients return loans, delete members and read books that do not exist (stale tabs, retried requests): every one must answer 404 — never a 500 from an unhandled Prisma P2025 — and the process must stay up.',
  clock: 'ready',
  duration: '10s',
  load: {
    rate: 30,
    mix: { 'loans.return-missing': 2, 'members.delete-missing': 2, 'books.get-missing': 1, 'books.get': 1 },
  },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'missing-records-are-404': true,
    'no-5xx-except-503': true,
    'status-allowlist': true,
  },
});

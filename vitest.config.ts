import { defineConfig } from 'vitest/config';

// Tests sit beside the code they test. Many of them start real PostgreSQL servers and child
// processes, so timeouts are generous and files run two at a time (these machines have 2 cores).
// `npm test` runs the *.e2e.test.ts files (whole scenarios under load, the defect matrix) afterwards,
// one at a time: their bounds assume the machine is not also running another test file.
export default defineConfig({
  test: {
    include: [
      'harness/**/*.test.ts',
      'target-app/**/*.test.ts',
      'prisma/**/*.test.ts',
      'scenarios/**/*.test.ts',
      'examples/**/*.test.ts',
    ],
    exclude: ['node_modules/**', 'target-app/src/generated/**', 'examples/*/src/generated/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['harness/testing/global-setup.ts'],
  },
});

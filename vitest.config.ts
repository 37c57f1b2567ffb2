import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests sit beside the code they test. Many of them start real PostgreSQL servers and child
// processes, so timeouts are generous and files run two at a time (these machines have 2 cores).
// `npm test` runs the *.e2e.test.ts files (whole scenarios under load, the defect matrix) afterwards,
// one at a time: their bounds assume the machine is not also running another test file.
export default defineConfig({
  // `faultline` imports itself as a user would; package.json's exports point into dist/ (the build
  // for the published package), which the repository never needs: tests read the source.
  resolve: {
    alias: [
      { find: /^faultline$/, replacement: fileURLToPath(new URL('./harness/index.ts', import.meta.url)) },
      {
        find: /^faultline\/vitest$/,
        replacement: fileURLToPath(new URL('./harness/vitest/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: [
      'harness/**/*.test.ts',
      'target-app/**/*.test.ts',
      'prisma/**/*.test.ts',
      'scenarios/**/*.test.ts',
      'examples/**/*.test.ts',
      'tools/**/*.test.ts',
    ],
    exclude: ['node_modules/**', 'target-app/src/generated/**', 'examples/*/src/generated/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['harness/testing/global-setup.ts'],
  },
});

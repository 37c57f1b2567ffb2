// The reference app (target-app/) as a Faultline target, written with the same public contract any
// team writes for its own app. `npx faultline run` in this folder runs against it.
import { randomBytes } from 'node:crypto';
import { migrate } from './prisma/tools/migrate.ts';
import { defineTarget } from './harness/target/define.ts';
import { DEFAULT_APP_SETTINGS } from './harness/environment/embedded/app-settings.ts';
import { seedDatabase } from './target-app/scripts/seed.ts';
import { ALL_DEFECT_NAMES } from './target-app/src/lib/defects.ts';
import { prepareReference, REFERENCE_REQUESTS } from './target-app/faultline/requests.ts';
import { DEFAULT_MIX } from './target-app/faultline/templates.ts';

export default defineTarget({
  name: 'reference-app',
  app: {
    // Node itself runs the app (tsx as a loader, not its CLI), so kill faults signal the app's own pid.
    command: [process.execPath, '--import', 'tsx', 'target-app/src/index.ts'],
    // A fresh signing secret per environment: tokens of one run are worthless in the next.
    env: () => ({ ...DEFAULT_APP_SETTINGS, JWT_SECRET: randomBytes(24).toString('hex') }),
    inject: { databaseUrl: 'DATABASE_URL', redisUrl: 'REDIS_URL', port: 'PORT', drainMs: 'SHUTDOWN_DRAIN_MS' },
  },
  database: {
    // Prisma's migration history, applied without Prisma's schema engine (offline machines).
    migrate: async ({ databaseUrl }) => migrate(databaseUrl),
    seed: ({ databaseUrl, seed }) => seedDatabase(databaseUrl, { seed }),
  },
  prepare: prepareReference,
  health: {
    endpoints: {
      health: '/api/v1/health',
      'health/detailed': '/api/v1/health/detailed',
      'db-check': '/api/v1/db-check',
      ready: '/api/v1/health/ready',
    },
    ready: 'ready',
  },
  requests: REFERENCE_REQUESTS,
  defaultMix: DEFAULT_MIX,
  writes: { readBack: 'SELECT "clientKey" FROM tickets WHERE "clientKey" = ANY($1::text[])' },
  defects: { env: 'TARGET_APP_DEFECTS', names: ALL_DEFECT_NAMES },
});

// The reference app (target-app/) as a Faultline target, written with the same public contract any
// team writes for its own app. `npx faultline run` in this folder runs against it.
import { ensureGeneratedClient } from './prisma/tools/generated-client.mjs';
import { migrate } from './prisma/tools/migrate.ts';
import { defineTarget } from 'faultline';
import { referenceBounds } from './target-app/faultline/bounds.ts';
import { DEFAULT_APP_SETTINGS, newJwtSecret } from './target-app/faultline/settings.ts';
import { seedDatabase } from './target-app/scripts/seed.ts';
import { DEFECT_NAMES } from './target-app/src/lib/defects.ts';
import { DEFECT_MATRIX } from './target-app/faultline/defect-matrix.ts';
import { REFERENCE_HEALTH } from './target-app/faultline/health.ts';
import { prepareReference, REFERENCE_REQUESTS } from './target-app/faultline/requests.ts';
import { DEFAULT_MIX } from './target-app/faultline/templates.ts';
import { presenceExpires } from './target-app/faultline/checks/presence-expires.ts';

export default defineTarget({
  name: 'reference-app',
  app: {
    // Node itself runs the app (tsx as a loader, not its CLI), so kill faults signal the app's own pid.
    command: [process.execPath, '--import', 'tsx', 'target-app/src/index.ts'],
    // The generated Prisma client, which `npm ci` does not make (a no-op when it is current).
    build: async () => {
      const generated = ensureGeneratedClient({ say: (line) => process.stderr.write(`faultline: ${line}\n`) });
      if (!generated.ok)
        throw new Error(
          `the Prisma client could not be generated (\`npm run generate\` retries):\n${generated.output}`,
        );
    },
    env: () => ({ ...DEFAULT_APP_SETTINGS, JWT_SECRET: newJwtSecret() }),
    inject: { databaseUrl: 'DATABASE_URL', redisUrl: 'REDIS_URL', port: 'PORT', drainMs: 'SHUTDOWN_DRAIN_MS' },
    // For --env containers: built from the repository root on the Node image the harness chose.
    container: {
      dockerfile: 'target-app/Dockerfile',
      nodeImageArg: 'NODE_IMAGE',
      port: 3000,
      // Reachable through Docker's port mapping; the harness migrates, so the image must not as well.
      env: { HOST: '0.0.0.0', MIGRATE_ON_START: 'false' },
    },
  },
  database: {
    // Prisma's migration history, applied without Prisma's schema engine (offline machines).
    migrate: async ({ databaseUrl }) => migrate(databaseUrl),
    seed: ({ databaseUrl, seed }) => seedDatabase(databaseUrl, { seed }),
  },
  prepare: prepareReference,
  // Its own scenarios (those that need its settings, routes or chat) and suites that add them.
  scenarios: 'target-app/faultline/scenarios',
  health: REFERENCE_HEALTH,
  requests: REFERENCE_REQUESTS,
  bounds: referenceBounds,
  errors: { unavailable: { code: 'DATABASE_' } },
  defaultMix: DEFAULT_MIX,
  writes: { readBack: 'SELECT "clientKey" FROM tickets WHERE "clientKey" = ANY($1::text[])' },
  // Invariants only this app has, judged like the built-in checks (scenarios name them in targetChecks).
  checks: { 'presence-expires': presenceExpires },
  // Its bugs behind a switch, and the matrix cells that must catch each (`faultline matrix`).
  defects: { env: 'TARGET_APP_DEFECTS', names: DEFECT_NAMES, cells: DEFECT_MATRIX },
});

// `npm run app`: the target app on a throwaway embedded PostgreSQL — migrated, seeded, ready to
// poke at. Ctrl-C stops the app gracefully, then PostgreSQL, and removes its data directory.
// Any variable of the app's config can be set in the environment (PORT, REDIS_URL, LOG_LEVEL,
// TARGET_APP_DEFECTS, ...); DATABASE_URL is ours.
import { EmbeddedPostgres } from '../../harness/environment/postgres/embedded-postgres.ts';
import { migrate } from '../../prisma/tools/migrate.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { createLogger } from '../src/lib/logger.ts';
import { startServer } from '../src/server.ts';
import { seedDatabase, SEED_PASSWORD } from './seed.ts';

const say = (line: string): void => void process.stderr.write(`${line}\n`);

const postgres = await EmbeddedPostgres.start();
say(`PostgreSQL ${postgres.url('faultline')} (pid ${postgres.pid})`);
let stopping = false;
const shutdown = async (code: number): Promise<never> => {
  stopping = true;
  await postgres.destroy();
  process.exit(code);
};

try {
  await postgres.query('CREATE DATABASE faultline');
  const migrated = await migrate(postgres.url('faultline'));
  say(`migrations applied: ${migrated.applied.join(', ')}`);
  const manifest = await seedDatabase(postgres.url('faultline'), { scale: Number(process.env.SEED_SCALE ?? 1) });
  const admin = manifest.users.find((user) => user.role === 'ADMIN');
  say(
    `seeded ${manifest.users.length} users, ${manifest.publishedEventIds.length} published events (log in as seed-0@faultline.test / ${SEED_PASSWORD}, an ADMIN${admin === undefined ? '' : ` with id ${admin.id}`})`,
  );

  const config = loadConfig({
    PORT: '3000',
    JWT_SECRET: 'faultline-dev-secret-change-me',
    ...process.env,
    DATABASE_URL: postgres.url('faultline'),
  });
  const server = await startServer(config, createLogger(config.LOG_LEVEL));
  say(
    `\ntarget-app is ready: ${server.url}/api/v1/health  (detailed: ${server.url}/api/v1/health/detailed, db: ${server.url}/api/v1/db-check)\nCtrl-C to stop.`,
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      say(`\n${signal}: stopping the app, then PostgreSQL`);
      void server.stop().finally(() => shutdown(0));
    });
  }
} catch (error) {
  say(error instanceof ConfigError ? error.message : `could not start: ${(error as Error).stack ?? String(error)}`);
  await shutdown(1);
}

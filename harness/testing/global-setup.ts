// One PostgreSQL server for the whole test run, with a template database migrated to the schema of
// the repository's own target (faultline.config.ts at its root), which each test file clones
// (CREATE DATABASE ... TEMPLATE) in milliseconds. Tests that need to stop or crash PostgreSQL start
// their own server instead. First, the target's build step, so that `npx vitest run <file>` works on
// a fresh clone as `npm test` does.
import type { TestProject } from 'vitest/node';
import { EmbeddedPostgres } from '../environment/postgres/embedded-postgres.ts';
import { buildApp } from '../target/build.ts';
import { migrateDatabase } from '../target/database.ts';
import { repoTarget } from './target.ts';

export const TEMPLATE_DATABASE = 'faultline_template';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const target = await repoTarget();
  await buildApp(target);
  const server = await EmbeddedPostgres.start();
  await server.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await migrateDatabase(target, { databaseUrl: server.url(TEMPLATE_DATABASE), seed: 0 });
  project.provide('postgresUrl', server.url());
  project.provide('templateDatabase', TEMPLATE_DATABASE);
  return async () => {
    await server.destroy();
  };
}

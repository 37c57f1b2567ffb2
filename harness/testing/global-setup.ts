// One PostgreSQL server for the whole test run, with a migrated template database that each
// test file clones (CREATE DATABASE ... TEMPLATE) in milliseconds. Tests that need to stop or
// crash PostgreSQL start their own server instead. First, the generated Prisma client, so that
// `npx vitest run <file>` works on a fresh clone as `npm test` does.
import type { TestProject } from 'vitest/node';
import { EmbeddedPostgres } from '../environment/postgres/embedded-postgres.ts';
import { ensureGeneratedClient } from '../../prisma/tools/generated-client.mjs';
import { migrate } from '../../prisma/tools/migrate.ts';

export const TEMPLATE_DATABASE = 'faultline_template';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const generated = ensureGeneratedClient({ say: (line) => console.warn(line) });
  if (!generated.ok) throw new Error(`the Prisma client could not be generated:\n${generated.output}`);
  const server = await EmbeddedPostgres.start();
  await server.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await migrate(server.url(TEMPLATE_DATABASE));
  project.provide('postgresUrl', server.url());
  project.provide('templateDatabase', TEMPLATE_DATABASE);
  return async () => {
    await server.destroy();
  };
}

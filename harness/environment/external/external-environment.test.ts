// The external provider pointed at pieces started separately, as a docker-compose stack would be:
// a PostgreSQL server, a Toxiproxy-compatible proxy in front of it, and the app behind the proxy.
import { Toxiproxy } from 'toxiproxy-node-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../../prisma/tools/migrate.ts';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../../../target-app/test/support.ts';
import { startToxiproxyServer, type StartedToxiproxyServer } from '../../toxiproxy/server.ts';
import { EmbeddedPostgres } from '../postgres/embedded-postgres.ts';
import type { StartedEnvironment } from '../types.ts';
import { controlsOf } from '../../faults/controls.ts';
import { startExternalEnvironment } from './external-environment.ts';
import { repoTarget } from '../../testing/target.ts';

let postgres: EmbeddedPostgres;
let proxy: StartedToxiproxyServer;
let app: TestApp;
let env: StartedEnvironment;

beforeAll(async () => {
  postgres = await EmbeddedPostgres.start();
  await postgres.query('CREATE DATABASE stack');
  await migrate(postgres.url('stack'));
  proxy = await startToxiproxyServer({ port: 0, seed: 1 });
  const created = await new Toxiproxy(proxy.url).createProxy({
    name: 'postgres',
    listen: '127.0.0.1:0',
    upstream: `127.0.0.1:${postgres.port}`,
  });
  const proxiedPort = Number(created.listen.split(':').pop());
  app = await startTestApp(postgres.url('stack', '127.0.0.1', proxiedPort));
  env = await startExternalEnvironment({
    appUrl: app.url,
    toxiproxyUrl: proxy.url,
    databaseUrl: postgres.url('stack'),
    target: await repoTarget(),
    appEnv: { JWT_SECRET: TEST_JWT_SECRET },
    seed: 3,
  });
});
/** The reference target's prepared state holds the seed manifest it read. */
const manifest = (started: StartedEnvironment): { publishedEventIds: string[]; deletedArtistIds: string[] } =>
  (started.fixtures.state as { seed: { publishedEventIds: string[]; deletedArtistIds: string[] } }).seed;

afterAll(async () => {
  await env?.stop();
  await app?.stop();
  await proxy?.stop();
  await postgres?.destroy();
});

it('seeds the database it was given and reports what it can and cannot do', async () => {
  expect(manifest(env).publishedEventIds.length).toBeGreaterThan(0);
  expect(manifest(env).deletedArtistIds.length).toBeGreaterThan(0);
  expect(env.capabilities).toEqual({ redis: false, processControl: false, postgresControl: false });
  await expect(env.killApp()).rejects.toMatchObject({ code: 'CAPABILITY_UNAVAILABLE' });
  await expect(env.stopPostgres()).rejects.toMatchObject({ code: 'CAPABILITY_UNAVAILABLE' });
});

it('gives faults its proxy and its direct connection, and no control it does not have', async () => {
  const controls = controlsOf(env);
  const present = Object.entries(controls).filter(([, control]) => control !== undefined);
  expect(present.map(([name]) => name).sort()).toEqual(['dbProxy', 'sql']);
  const session = await controls.sql!.openSession('faultline-controls-test');
  expect((await session.query<{ ok: number }>('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  await session.end();
  await controls.dbProxy.setEnabled(false);
  expect((await new Toxiproxy(proxy.url).get('postgres')).enabled).toBe(false);
  await controls.dbProxy.setEnabled(true);
});

it('reads an already seeded database without seeding it twice', async () => {
  const again = await startExternalEnvironment({
    appUrl: app.url,
    toxiproxyUrl: proxy.url,
    databaseUrl: postgres.url('stack'),
    target: await repoTarget(),
    appEnv: { JWT_SECRET: TEST_JWT_SECRET },
    seed: 3,
  });
  expect(new Set(manifest(again).publishedEventIds)).toEqual(new Set(manifest(env).publishedEventIds));
  const { rows } = await postgres.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE 'seed-%'`, [], 'stack');
  expect(rows[0]?.n).toBe(50);
});

it('drives faults through the given proxy, and stop() leaves it as it found it', async () => {
  const dbProxy = await env.toxiproxy.get(env.dbProxyName);
  await dbProxy.update({ enabled: false, listen: dbProxy.listen, upstream: dbProxy.upstream });
  expect((await fetch(`${env.appUrl}/api/v1/db-check`)).status).toBe(503);
  await env.stop();
  expect((await env.toxiproxy.get(env.dbProxyName)).enabled).toBe(true);
});

it('refuses a proxy name the Toxiproxy does not have, naming the ones it has', async () => {
  await expect(
    startExternalEnvironment({
      appUrl: app.url,
      toxiproxyUrl: proxy.url,
      databaseUrl: postgres.url('stack'),
      target: await repoTarget(),
      appEnv: { JWT_SECRET: TEST_JWT_SECRET },
      seed: 3,
      dbProxyName: 'pg',
    }),
  ).rejects.toThrow(/no proxy named "pg".*postgres/);
});

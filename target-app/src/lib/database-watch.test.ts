// An idle app notices a lost database by itself: a background ping (DB_PING_INTERVAL_MS) flips the
// state, so /health says "unavailable" without any request having failed — within one ping interval
// plus one connection and one query timeout (the ping's own bounds) and stated slack. The
// `no-background-ping` defect takes the ping away: the same wait ends with health still "ready".
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgres } from '../../../harness/environment/postgres/embedded-postgres.ts';
import { migrate } from '../../../prisma/tools/migrate.ts';
import { startTestApp, waitFor, type TestApp } from '../../test/support.ts';

const PING_INTERVAL_MS = 300;
/** Process scheduling on a busy shared machine. */
const SLACK_MS = 3_000;

let pg: EmbeddedPostgres;
let app: TestApp | undefined;
beforeAll(async () => {
  pg = await EmbeddedPostgres.start();
  await pg.query('CREATE DATABASE app');
  await migrate(pg.url('app'));
});
afterEach(async () => {
  await app?.stop();
  app = undefined;
  await pg.startAgain();
});
afterAll(async () => {
  await pg?.destroy();
});

const healthState = async (target: TestApp): Promise<string> =>
  ((await target.api('GET', '/health')).body as { database: string }).database;
const noticeBoundMs = (target: TestApp): number =>
  PING_INTERVAL_MS + target.config.DB_CONNECTION_TIMEOUT_MS + target.config.DB_QUERY_TIMEOUT_MS + SLACK_MS;

describe('a database lost while nobody is asking', () => {
  it('is noticed by the background ping: health says so without any request', async () => {
    app = await startTestApp(pg.url('app'), {
      DB_PING_INTERVAL_MS: String(PING_INTERVAL_MS),
      SERVICE_INIT_TIMEOUT_MS: '15000',
    });
    expect(await healthState(app)).toBe('ready');
    await pg.stop('immediate');
    const target = app;
    await waitFor(async () => (await healthState(target)) !== 'ready', noticeBoundMs(target), 50);
    expect(app.logs.some((line) => line.event === 'db.ping.failed')).toBe(true);
    // …and it comes back by itself, again without a request.
    await pg.startAgain();
    await waitFor(async () => (await healthState(target)) === 'ready', 30_000, 100);
  });

  it('defect no-background-ping: health still says ready after the same wait', async () => {
    app = await startTestApp(pg.url('app'), {
      DB_PING_INTERVAL_MS: String(PING_INTERVAL_MS),
      SERVICE_INIT_TIMEOUT_MS: '15000',
      TARGET_APP_DEFECTS: 'no-background-ping',
    });
    await pg.stop('immediate');
    await new Promise((resolve) => setTimeout(resolve, noticeBoundMs(app!)));
    expect(await healthState(app)).toBe('ready');
  });
});

describe('DB_PING_INTERVAL_MS', () => {
  it.each(['0', '99', '300001', 'often'])('rejects %s', async (value) => {
    await expect(startTestApp(pg.url('app'), { DB_PING_INTERVAL_MS: value })).rejects.toThrow('DB_PING_INTERVAL_MS');
  });
});

// A slow query is not an outage. A statement that outlives the query timeout, or a request that
// waits too long for a pooled connection, answers 503 + Retry-After for that request only: the
// database state stays "ready" and the other requests keep being served. The slowness is real: a
// lock held by another session makes the app's query on that table wait.
// The `timeouts-flip-state` defect puts the old behaviour back (one timeout → "reconnecting").
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { createUser, startTestApp, type TestApp } from '../../test/support.ts';
import { createOwnedEvent } from '../../test/fixtures-events.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('db_timeouts');
});
afterAll(async () => {
  await db?.drop();
});

/** Holds an ACCESS EXCLUSIVE lock on `events` from another session until released. */
async function lockEvents(url: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
  return {
    async release() {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

const lostStateLines = (app: TestApp) =>
  app.logs.filter((line) => line.event === 'db.state' && (line.to === 'reconnecting' || line.to === 'failed'));

async function slowQueryScenario(app: TestApp) {
  const { event } = await createOwnedEvent(app);
  const { token } = await createUser(app);
  const lock = await lockEvents(db.url);
  try {
    const slow = app.api('GET', `/events/${event.id}`, { token });
    // While the slow request waits on the lock, another request is served.
    const meanwhile = await app.api('GET', '/users/me', { token });
    const slowAnswer = await slow;
    const after = await app.api('GET', '/users/me', { token });
    return { slowAnswer, meanwhile, after };
  } finally {
    await lock.release();
  }
}

describe('a statement that outlives the query timeout', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(db.url, {
      DB_QUERY_TIMEOUT_MS: '800',
      DB_PING_INTERVAL_MS: '60000',
      SERVICE_INIT_TIMEOUT_MS: '15000',
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers 503 + Retry-After for that request; the others are served and the state stays ready', async () => {
    const { slowAnswer, meanwhile, after } = await slowQueryScenario(app);
    expect(slowAnswer.status).toBe(503);
    expect(slowAnswer.body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(slowAnswer.headers.get('retry-after')).toBe(String(app.config.RETRY_AFTER_SEC));
    expect(meanwhile.status).toBe(200);
    expect(after.status).toBe(200);
    expect(app.server.database.state).toBe('ready');
    expect(lostStateLines(app)).toEqual([]);
    expect(app.logs.filter((line) => line.incident === true)).toEqual([]);
  });
});

describe('a request that waits too long for a pooled connection', () => {
  let app: TestApp;
  beforeAll(async () => {
    // One pooled connection: while the slow request holds it, the next one times out waiting.
    app = await startTestApp(db.url, {
      DB_POOL_MAX: '1',
      DB_CONNECTION_TIMEOUT_MS: '300',
      DB_QUERY_TIMEOUT_MS: '1500',
      DB_PING_INTERVAL_MS: '60000',
      SERVICE_INIT_TIMEOUT_MS: '15000',
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers 503 for the request that waited; afterwards everything is served, the state never changed', async () => {
    const { slowAnswer, meanwhile, after } = await slowQueryScenario(app);
    expect(meanwhile.status).toBe(503);
    expect(meanwhile.body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(slowAnswer.status).toBe(503);
    expect(after.status).toBe(200);
    expect(app.server.database.state).toBe('ready');
    expect(lostStateLines(app)).toEqual([]);
  });
});

describe('defect timeouts-flip-state', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(db.url, {
      DB_QUERY_TIMEOUT_MS: '800',
      DB_PING_INTERVAL_MS: '60000',
      SERVICE_INIT_TIMEOUT_MS: '15000',
      TARGET_APP_DEFECTS: 'timeouts-flip-state',
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('turns the one slow statement into an instance-wide "reconnecting"', async () => {
    const { slowAnswer } = await slowQueryScenario(app);
    expect(slowAnswer.status).toBe(503);
    expect(lostStateLines(app).length).toBeGreaterThan(0);
  });
});

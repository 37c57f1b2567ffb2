// Users: updateSelf and the fire-and-forget updateLastSeen, on live, missing and soft-deleted users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { createUser, missingId, startTestApp, waitFor, type TestApp } from '../../test/support.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('users');
  // A cache longer than any test: the lastSeen race below relies on the entry not expiring.
  app = await startTestApp(db.url, { AUTH_CACHE_TTL_MS: '60000' });
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

describe('updateSelf (PATCH /users/me)', () => {
  it('updates the caller', async () => {
    const { user, token } = await createUser(app);
    const res = await app.api('PATCH', '/users/me', { token, body: { name: 'Renamed' } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, name: 'Renamed' });
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe('Renamed');
  });

  // Such tokens are revoked: authentication answers before the service runs.
  it('answers 401 for a token whose user does not exist', async () => {
    const token = await app.tokenFor({ id: missingId(), role: 'USER' });
    const res = await app.api('PATCH', '/users/me', { token, body: { name: 'Ghost' } });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'UNAUTHORIZED', requestId: expect.any(String) });
  });

  it('answers 401 for a soft-deleted user and leaves the row unchanged', async () => {
    const { user, token } = await createUser(app, { deleted: true });
    const res = await app.api('PATCH', '/users/me', { token, body: { name: 'Zombie' } });
    expect(res.status).toBe(401);
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe('Test User');
  });

  it('rejects a malformed body with 400 naming the field', async () => {
    const { token } = await createUser(app);
    const res = await app.api('PATCH', '/users/me', { token, body: { phone: '12' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toContain('phone');
  });

  it('rejects malformed JSON with 400', async () => {
    const { token } = await createUser(app);
    const res = await app.api('PATCH', '/users/me', { token, rawBody: '{"name": ' });
    expect(res.status).toBe(400);
  });
});

describe('updateLastSeen (fire-and-forget)', () => {
  it('records lastSeen for a live user', async () => {
    const { user, token } = await createUser(app);
    expect((await app.api('POST', '/users/me/heartbeat', { token })).status).toBe(202);
    await waitFor(async () => (await app.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).lastSeen !== null);
  });

  // The race the write must survive: the user deleted behind the app (in SQL, so no instance was
  // told) while this instance still holds the user as live in its token cache.
  it('skips a user deleted behind the app with a warning, and the process keeps serving', async () => {
    const { user, token } = await createUser(app);
    expect((await app.api('GET', '/users/me', { token })).status).toBe(200);
    await app.prisma.user.update({ where: { id: user.id }, data: { deletedAt: new Date() } });
    expect((await app.api('POST', '/users/me/heartbeat', { token })).status).toBe(202);
    await waitFor(() => app.logs.some((line) => line.event === 'record.skip' && line.userId === user.id));
    const skip = app.logs.find((line) => line.event === 'record.skip' && line.userId === user.id);
    expect(skip?.levelName).toBe('warn');
    expect((await app.api('GET', '/health')).status).toBe(200);
  });

  it('refuses a user that never existed (401) before any write', async () => {
    const id = missingId();
    const token = await app.tokenFor({ id, role: 'USER' });
    expect((await app.api('POST', '/users/me/heartbeat', { token })).status).toBe(401);
    expect(await app.prisma.user.count({ where: { id } })).toBe(0);
  });
});

describe('authentication', () => {
  it('answers 401 without a token and with a forged one', async () => {
    expect((await app.api('GET', '/users/me')).status).toBe(401);
    expect((await app.api('GET', '/users/me', { token: 'not.a.jwt' })).status).toBe(401);
  });
});

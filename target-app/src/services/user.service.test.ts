// Users: updateSelf and the fire-and-forget updateLastSeen, on live, missing and soft-deleted users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { createUser, missingId, startTestApp, waitFor, type TestApp } from '../../test/support.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('users');
  app = await startTestApp(db.url);
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

  it('answers 404 for a token whose user does not exist', async () => {
    const token = await app.tokenFor({ id: missingId(), role: 'USER' });
    const res = await app.api('PATCH', '/users/me', { token, body: { name: 'Ghost' } });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
  });

  it('answers 404 for a soft-deleted user and leaves the row unchanged', async () => {
    const { user, token } = await createUser(app, { deleted: true });
    const res = await app.api('PATCH', '/users/me', { token, body: { name: 'Zombie' } });
    expect(res.status).toBe(404);
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

  it('skips a soft-deleted user with a warning, and the process keeps serving', async () => {
    const { user, token } = await createUser(app, { deleted: true });
    expect((await app.api('POST', '/users/me/heartbeat', { token })).status).toBe(202);
    await waitFor(() => app.logs.some((line) => line.event === 'record.skip' && line.userId === user.id));
    const skip = app.logs.find((line) => line.event === 'record.skip' && line.userId === user.id);
    expect(skip?.levelName).toBe('warn');
    expect((await app.api('GET', '/health')).status).toBe(200);
  });

  it('skips a user that never existed', async () => {
    const id = missingId();
    const token = await app.tokenFor({ id, role: 'USER' });
    expect((await app.api('POST', '/users/me/heartbeat', { token })).status).toBe(202);
    await waitFor(() => app.logs.some((line) => line.event === 'record.skip' && line.userId === id));
  });
});

describe('authentication', () => {
  it('answers 401 without a token and with a forged one', async () => {
    expect((await app.api('GET', '/users/me')).status).toBe(401);
    expect((await app.api('GET', '/users/me', { token: 'not.a.jwt' })).status).toBe(401);
  });
});

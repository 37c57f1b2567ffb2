// Auth: register (P2002 → 409), login (401 for every failure, lastLogin with the P2025 pattern) and
// credential changes (P2025 → 404), against a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { accountOf, contextWithRace, reloadAccount, reloadUser, softDeleteUser } from '../../test/fixtures.ts';
import { createUser, missingId, startTestApp, TEST_PASSWORD, type TestApp } from '../../test/support.ts';
import { UnauthorizedError, NotFoundError } from '../lib/errors.ts';
import { AuthService } from './auth.service.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('auth');
  app = await startTestApp(db.url);
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

const newEmail = (): string => `new-${missingId()}@example.test`;

describe('register (POST /auth/register)', () => {
  it('creates a USER with an empty preference row and answers with a working token', async () => {
    const email = newEmail();
    const res = await app.api('POST', '/auth/register', {
      body: { email: email.toUpperCase(), password: 'long enough', name: 'Ann' },
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email, name: 'Ann', role: 'USER' });
    expect(res.body.user.passwordHash).toBeUndefined();
    const row = await app.prisma.user.findFirstOrThrow({ where: { email }, include: { preference: true } });
    expect(row.passwordHash).not.toContain('long enough');
    expect(row.preference).toMatchObject({ language: 'en', marketingOptIn: false });
    const me = await app.api('GET', '/users/me', { token: res.body.token });
    expect(me.body.user.id).toBe(row.id);
  });

  it('answers 409 for a taken email and creates nothing', async () => {
    const { user } = await createUser(app);
    const res = await app.api('POST', '/auth/register', {
      body: { email: user.email, password: 'long enough', name: 'Dup' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(await app.prisma.user.count({ where: { email: user.email } })).toBe(1);
  });

  it('lets the constraint decide between concurrent registrations of one email: one 201, the rest 409', async () => {
    const email = newEmail();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.api('POST', '/auth/register', { body: { email, password: 'long enough', name: 'Racer' } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await app.prisma.user.count({ where: { email } })).toBe(1);
  });
});

describe('login (POST /auth/login)', () => {
  it('answers a token and records lastLogin', async () => {
    const { user } = await createUser(app);
    const res = await app.api('POST', '/auth/login', { body: { email: user.email, password: TEST_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { id: user.id }, token: expect.any(String) });
    expect((await reloadUser(app, user.id)).lastLogin).not.toBeNull();
  });

  it('answers 401 with one message for a wrong password, an unknown email and a soft-deleted user', async () => {
    const { user } = await createUser(app);
    const deleted = await createUser(app, { deleted: true });
    const attempts = [
      { email: user.email, password: 'wrong password' },
      { email: newEmail(), password: TEST_PASSWORD },
      { email: deleted.user.email, password: TEST_PASSWORD },
    ];
    const messages = new Set<string>();
    for (const body of attempts) {
      const res = await app.api('POST', '/auth/login', { body });
      expect(res.status).toBe(401);
      messages.add(res.body.error.message);
    }
    expect(messages.size).toBe(1);
    expect((await reloadUser(app, user.id)).lastLogin).toBeNull();
    expect((await reloadUser(app, deleted.user.id)).lastLogin).toBeNull();
  });

  it('answers 401, not a 500, when the user is deleted between the lookup and the lastLogin write', async () => {
    const { user } = await createUser(app);
    const auth = new AuthService(contextWithRace(app, 'user', 'update', () => softDeleteUser(app, user.id)));
    await expect(auth.login({ email: user.email, password: TEST_PASSWORD })).rejects.toBeInstanceOf(UnauthorizedError);
    const row = await reloadUser(app, user.id);
    expect(row.deletedAt).not.toBeNull();
    expect(row.lastLogin).toBeNull();
  });
});

describe('updateUser (PATCH /auth/me)', () => {
  it('changes the email and the password when the current password is right', async () => {
    const { user, token } = await createUser(app);
    const email = newEmail();
    const res = await app.api('PATCH', '/auth/me', {
      token,
      body: { email, password: 'a brand new one', currentPassword: TEST_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, email });
    expect((await reloadUser(app, user.id)).email).toBe(email);
    expect((await app.api('POST', '/auth/login', { body: { email, password: 'a brand new one' } })).status).toBe(200);
    expect((await app.api('POST', '/auth/login', { body: { email, password: TEST_PASSWORD } })).status).toBe(401);
  });

  it('answers 403 for a wrong current password and changes nothing', async () => {
    const { user, token } = await createUser(app);
    const res = await app.api('PATCH', '/auth/me', {
      token,
      body: { email: newEmail(), currentPassword: 'not it at all' },
    });
    expect(res.status).toBe(403);
    expect(await reloadAccount(app, user.id)).toEqual(accountOf(user));
  });

  it('answers 409 for an email another user has, and keeps the old one', async () => {
    const { user, token } = await createUser(app);
    const other = await createUser(app);
    const res = await app.api('PATCH', '/auth/me', {
      token,
      body: { email: other.user.email, currentPassword: TEST_PASSWORD },
    });
    expect(res.status).toBe(409);
    expect((await reloadUser(app, user.id)).email).toBe(user.email);
  });

  // Such tokens are revoked: authentication answers before the service runs.
  it('answers 401 for a token whose user does not exist', async () => {
    const token = await app.tokenFor({ id: missingId(), role: 'USER' });
    const res = await app.api('PATCH', '/auth/me', {
      token,
      body: { email: newEmail(), currentPassword: TEST_PASSWORD },
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
  });

  it('answers 401 for a soft-deleted user and leaves the row unchanged', async () => {
    const { user, token } = await createUser(app, { deleted: true });
    const res = await app.api('PATCH', '/auth/me', {
      token,
      body: { email: newEmail(), currentPassword: TEST_PASSWORD },
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect(await reloadAccount(app, user.id)).toEqual(accountOf(user));
  });

  it('answers 404 when the user is deleted between the lookup and the write (P2025)', async () => {
    const { user } = await createUser(app);
    const auth = new AuthService(contextWithRace(app, 'user', 'update', () => softDeleteUser(app, user.id)));
    await expect(
      auth.updateCredentials(user.id, { email: newEmail(), currentPassword: TEST_PASSWORD }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await reloadUser(app, user.id)).email).toBe(user.email);
  });

  it('answers 401 without a token', async () => {
    expect(
      (await app.api('PATCH', '/auth/me', { body: { email: newEmail(), currentPassword: TEST_PASSWORD } })).status,
    ).toBe(401);
  });
});

describe('malformed input', () => {
  const cases: [string, string, unknown][] = [
    ['POST', '/auth/register', { email: 'not-an-email', password: 'long enough', name: 'A' }],
    ['POST', '/auth/register', { email: 'a@example.test', password: 'short', name: 'A' }],
    ['POST', '/auth/register', { email: 'a@example.test', password: 'long enough' }],
    ['POST', '/auth/register', { email: 'a@example.test', password: 'long enough', name: 'A', role: 'ADMIN' }],
    ['POST', '/auth/login', { email: 'a@example.test' }],
    ['POST', '/auth/login', { email: 42, password: 'x' }],
    ['PATCH', '/auth/me', { email: 'b@example.test' }],
    ['PATCH', '/auth/me', { currentPassword: TEST_PASSWORD }],
    ['PATCH', '/auth/me', { password: 'short', currentPassword: TEST_PASSWORD }],
    ['PATCH', '/auth/me', { name: 'x', currentPassword: TEST_PASSWORD }],
  ];
  it.each(cases)('%s %s %j → 400', async (method, path, body) => {
    const { user, token } = await createUser(app);
    const res = await app.api(method, path, { token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(await reloadAccount(app, user.id)).toEqual(accountOf(user));
  });

  it('answers 400 for malformed JSON', async () => {
    expect((await app.api('POST', '/auth/login', { rawBody: '{"email":' })).status).toBe(400);
  });
});

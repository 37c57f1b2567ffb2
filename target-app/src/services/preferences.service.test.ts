// Preferences: the update writes only a live user's row (missing user, soft-deleted user → 404,
// the row unchanged); a live user without a row gets defaults on read and a row on write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { createUser, missingId, startTestApp, type TestApp } from '../../test/support.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('preferences');
  app = await startTestApp(db.url);
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

const PATH = '/users/me/preferences';
const rowOf = (userId: string) => app.prisma.userPreference.findUnique({ where: { userId } });

async function userWithoutRow(options: { deleted?: boolean } = {}) {
  const created = await createUser(app, options);
  await app.prisma.userPreference.delete({ where: { userId: created.user.id } });
  return created;
}

describe('get (GET /users/me/preferences)', () => {
  it("answers the caller's row", async () => {
    const { user, token } = await createUser(app);
    await app.prisma.userPreference.update({ where: { userId: user.id }, data: { language: 'pt' } });
    const res = await app.api('GET', PATH, { token });
    expect(res.status).toBe(200);
    expect(res.body.preferences).toMatchObject({
      userId: user.id,
      language: 'pt',
      emailNotifications: true,
      marketingOptIn: false,
    });
  });

  it('answers the defaults, without writing, for a live user without a row', async () => {
    const { user, token } = await userWithoutRow();
    const res = await app.api('GET', PATH, { token });
    expect(res.status).toBe(200);
    expect(res.body.preferences).toMatchObject({ userId: user.id, language: 'en', pushNotifications: true });
    expect(await rowOf(user.id)).toBeNull();
  });

  it('answers 401 for a missing or soft-deleted user (their tokens are revoked)', async () => {
    for (const token of [
      (await createUser(app, { deleted: true })).token,
      await app.tokenFor({ id: missingId(), role: 'USER' }),
    ]) {
      const res = await app.api('GET', PATH, { token });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    }
  });
});

describe('update (PATCH /users/me/preferences)', () => {
  it("updates the caller's row", async () => {
    const { user, token } = await createUser(app);
    const res = await app.api('PATCH', PATH, { token, body: { language: 'pt-BR', marketingOptIn: true } });
    expect(res.status).toBe(200);
    expect(res.body.preferences).toMatchObject({ language: 'pt-BR', marketingOptIn: true });
    expect(await rowOf(user.id)).toMatchObject({ language: 'pt-BR', marketingOptIn: true, emailNotifications: true });
  });

  it('answers 401 for a missing user and creates no row', async () => {
    const id = missingId();
    const res = await app.api('PATCH', PATH, {
      token: await app.tokenFor({ id, role: 'USER' }),
      body: { language: 'de' },
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect(await rowOf(id)).toBeNull();
  });

  it('answers 401 for a soft-deleted user and leaves the row unchanged', async () => {
    const { user, token } = await createUser(app, { deleted: true });
    const before = await rowOf(user.id);
    const res = await app.api('PATCH', PATH, { token, body: { marketingOptIn: true } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect(await rowOf(user.id)).toEqual(before);
  });

  it('creates the row for a live user without one', async () => {
    const { user, token } = await userWithoutRow();
    const res = await app.api('PATCH', PATH, { token, body: { pushNotifications: false } });
    expect(res.status).toBe(200);
    expect(await rowOf(user.id)).toMatchObject({ pushNotifications: false, language: 'en' });
  });

  it('creates no row for a soft-deleted user without one (401: the token is revoked)', async () => {
    const { user, token } = await userWithoutRow({ deleted: true });
    expect((await app.api('PATCH', PATH, { token, body: { pushNotifications: false } })).status).toBe(401);
    expect(await rowOf(user.id)).toBeNull();
  });

  it('settles concurrent first writes on one row, every request answered 200', async () => {
    const { user, token } = await userWithoutRow();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => app.api('PATCH', PATH, { token, body: { language: 'fr' } })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await rowOf(user.id)).toMatchObject({ language: 'fr' });
  });
});

describe('authentication and input', () => {
  it.each(['GET', 'PATCH'])('%s answers 401 without a token', async (method) => {
    expect((await app.api(method, PATH, { body: method === 'PATCH' ? { language: 'de' } : undefined })).status).toBe(
      401,
    );
  });

  it.each([
    [{}],
    [{ language: 'e' }],
    [{ language: 'english' }],
    [{ language: '12' }],
    [{ emailNotifications: 'yes' }],
    [{ marketingOptIn: null }],
    [{ theme: 'dark' }],
  ])('PATCH %j → 400, row unchanged', async (body) => {
    const { user, token } = await createUser(app);
    const before = await rowOf(user.id);
    const res = await app.api('PATCH', PATH, { token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(await rowOf(user.id)).toEqual(before);
  });
});

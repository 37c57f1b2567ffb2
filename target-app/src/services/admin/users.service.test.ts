// Admin users: every route ADMIN-only; user edit, soft delete, restore and organizer edit on live,
// missing and soft-deleted rows (P2025 → 404, the row unchanged).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../harness/testing/database.ts';
import { accountOf, createOrganizer, reloadAccount, reloadOrganizer, reloadUser } from '../../../test/fixtures.ts';
import { createUser, missingId, startTestApp, type TestApp } from '../../../test/support.ts';

let db: TestDatabase;
let app: TestApp;
let admin: string;

beforeAll(async () => {
  db = await createTestDatabase('admin_users');
  app = await startTestApp(db.url);
  admin = (await createUser(app, { role: 'ADMIN' })).token;
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

async function expectNotFound(method: string, path: string, body?: unknown): Promise<void> {
  const res = await app.api(method, path, { token: admin, body });
  expect(res.status).toBe(404);
  expect(res.body.error.code).toBe('NOT_FOUND');
}

describe('list (GET /admin/users)', () => {
  it('lists live users by default and deleted ones on request, with totals', async () => {
    const live = await createUser(app);
    const deleted = await createUser(app, { deleted: true });
    const ids = (body: { users: { id: string }[] }) => body.users.map((u) => u.id);

    for (const query of ['?limit=100', '?limit=100&includeDeleted=false']) {
      const res = await app.api('GET', `/admin/users${query}`, { token: admin });
      expect(res.status).toBe(200);
      expect(ids(res.body)).toContain(live.user.id);
      expect(ids(res.body)).not.toContain(deleted.user.id);
      expect(res.body.total).toBe(await app.prisma.user.count({ where: { deletedAt: null } }));
    }
    const all = await app.api('GET', '/admin/users?limit=100&includeDeleted=true', { token: admin });
    expect(ids(all.body)).toContain(deleted.user.id);
    expect(all.body.total).toBe(await app.prisma.user.count());
    expect(all.body.users.find((u: { id: string }) => u.id === deleted.user.id).deletedAt).not.toBeNull();
    expect(all.body.users[0].passwordHash).toBeUndefined();
  });
});

describe('updateUser (PATCH /admin/users/:id)', () => {
  it('changes name, role and phone; a new phone is no longer verified', async () => {
    const { user } = await createUser(app, { phone: '+15550001111' });
    await app.prisma.user.update({ where: { id: user.id }, data: { phoneVerifiedAt: new Date() } });
    const res = await app.api('PATCH', `/admin/users/${user.id}`, {
      token: admin,
      body: { name: 'Promoted', role: 'ORGANIZER', phone: '+15550002222' },
    });
    expect(res.status).toBe(200);
    expect(await reloadUser(app, user.id)).toMatchObject({
      name: 'Promoted',
      role: 'ORGANIZER',
      phone: '+15550002222',
      phoneVerifiedAt: null,
    });
  });

  it('answers 404 for a missing user', () => expectNotFound('PATCH', `/admin/users/${missingId()}`, { name: 'X' }));

  it('answers 404 for a soft-deleted user and leaves the row unchanged', async () => {
    const { user } = await createUser(app, { deleted: true });
    await expectNotFound('PATCH', `/admin/users/${user.id}`, { role: 'ADMIN' });
    expect(await reloadAccount(app, user.id)).toEqual(accountOf(user));
  });
});

describe('softDeleteUser (DELETE /admin/users/:id)', () => {
  it('soft-deletes a live user, whose token then no longer reaches their profile', async () => {
    const { user, token } = await createUser(app);
    expect((await app.api('DELETE', `/admin/users/${user.id}`, { token: admin })).status).toBe(204);
    expect((await reloadUser(app, user.id)).deletedAt).not.toBeNull();
    expect((await app.api('GET', '/users/me', { token })).status).toBe(401);
  });

  it('answers 404 for a missing user', () => expectNotFound('DELETE', `/admin/users/${missingId()}`));

  it('answers 404 for an already deleted user and keeps the first deletedAt', async () => {
    const { user } = await createUser(app, { deleted: true });
    await expectNotFound('DELETE', `/admin/users/${user.id}`);
    expect(await reloadAccount(app, user.id)).toEqual(accountOf(user));
  });
});

describe('restoreUser (POST /admin/users/:id/restore)', () => {
  it('restores a deleted user', async () => {
    const { user } = await createUser(app, { deleted: true });
    const res = await app.api('POST', `/admin/users/${user.id}/restore`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, deletedAt: null });
    expect((await reloadUser(app, user.id)).deletedAt).toBeNull();
  });

  it('answers 404 for a missing user', () => expectNotFound('POST', `/admin/users/${missingId()}/restore`));

  it('answers 404 for a user that is not deleted, and leaves it unchanged', async () => {
    const { user } = await createUser(app);
    await expectNotFound('POST', `/admin/users/${user.id}/restore`);
    expect(await reloadAccount(app, user.id)).toEqual(accountOf(user));
  });
});

describe('updateOrganizer (PATCH /admin/organizers/:id)', () => {
  it('changes name and status', async () => {
    const { organizer } = await createOrganizer(app, { status: 'PENDING' });
    const res = await app.api('PATCH', `/admin/organizers/${organizer.id}`, {
      token: admin,
      body: { name: 'Checked', status: 'APPROVED' },
    });
    expect(res.status).toBe(200);
    expect(await reloadOrganizer(app, organizer.id)).toMatchObject({ name: 'Checked', status: 'APPROVED' });
  });

  it('answers 404 for a missing organizer', () =>
    expectNotFound('PATCH', `/admin/organizers/${missingId()}`, { status: 'APPROVED' }));

  it('answers 404 for a soft-deleted organizer and leaves it unchanged', async () => {
    const { organizer } = await createOrganizer(app, { status: 'PENDING', deleted: true });
    await expectNotFound('PATCH', `/admin/organizers/${organizer.id}`, { status: 'APPROVED' });
    expect(await reloadOrganizer(app, organizer.id)).toEqual(organizer);
  });
});

describe('access', () => {
  const routes: [string, string, unknown][] = [
    ['GET', '/admin/users', undefined],
    ['PATCH', '/admin/users/:user', { role: 'ADMIN' }],
    ['DELETE', '/admin/users/:user', undefined],
    ['POST', '/admin/users/:deleted/restore', undefined],
    ['PATCH', '/admin/organizers/:organizer', { status: 'APPROVED' }],
  ];

  it.each(routes)(
    '%s %s answers 401 without a token, 403 to USER and ORGANIZER, and changes nothing',
    async (method, template, body) => {
      const target = await createUser(app);
      const deleted = await createUser(app, { deleted: true });
      const { organizer } = await createOrganizer(app, { status: 'PENDING' });
      const path = template
        .replace(':user', target.user.id)
        .replace(':deleted', deleted.user.id)
        .replace(':organizer', organizer.id);

      expect((await app.api(method, path, { body })).status).toBe(401);
      for (const role of ['USER', 'ORGANIZER'] as const) {
        const res = await app.api(method, path, { token: (await createUser(app, { role })).token, body });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
      // The organizer's owner is no admin either.
      expect(
        (await app.api(method, path, { token: await app.tokenFor({ id: organizer.ownerId, role: 'ORGANIZER' }), body }))
          .status,
      ).toBe(403);

      expect(await reloadAccount(app, target.user.id)).toEqual(accountOf(target.user));
      expect(await reloadAccount(app, deleted.user.id)).toEqual(accountOf(deleted.user));
      expect(await reloadOrganizer(app, organizer.id)).toEqual(organizer);
    },
  );

  it.each([
    ['GET', '/admin/users?includeDeleted=yes', undefined],
    ['GET', '/admin/users?limit=1000', undefined],
    ['PATCH', '/admin/users/not-a-uuid', { name: 'X' }],
    ['PATCH', `/admin/users/${missingId()}`, {}],
    ['PATCH', `/admin/users/${missingId()}`, { role: 'SUPERUSER' }],
    ['PATCH', `/admin/users/${missingId()}`, { email: 'x@example.test' }],
    ['PATCH', `/admin/users/${missingId()}`, { phone: '555' }],
    ['DELETE', '/admin/users/not-a-uuid', undefined],
    ['POST', '/admin/users/not-a-uuid/restore', undefined],
    ['PATCH', '/admin/organizers/not-a-uuid', { name: 'X' }],
    ['PATCH', `/admin/organizers/${missingId()}`, { status: 'OPEN' }],
    ['PATCH', `/admin/organizers/${missingId()}`, { description: 'not here' }],
  ])('%s %s %j → 400', async (method, path, body) => {
    const res = await app.api(method, path, { token: admin, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

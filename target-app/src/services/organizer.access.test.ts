// Organizers: who may call what (401 without a token, 403 for the wrong role or a non-owner, the
// row left unchanged) and what input is refused (400).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { createOrganizer, reloadOrganizer } from '../../test/fixtures.ts';
import { createUser, missingId, startTestApp, type TestApp } from '../../test/support.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('organizers_access');
  app = await startTestApp(db.url);
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

describe('authentication', () => {
  it.each([
    ['POST', '/organizers', { name: 'X' }],
    ['PATCH', '/organizers/:id', { name: 'X' }],
    ['PATCH', '/organizers/:id/admin', { name: 'X' }],
    ['POST', '/organizers/:id/approval', { status: 'APPROVED' }],
    ['DELETE', '/organizers/:id', undefined],
  ])('%s %s answers 401 without a token and changes nothing', async (method, path, body) => {
    const { organizer } = await createOrganizer(app, { status: 'PENDING' });
    const res = await app.api(method, path.replace(':id', organizer.id), { body });
    expect(res.status).toBe(401);
    expect(await reloadOrganizer(app, organizer.id)).toEqual(organizer);
  });

  it('serves the listing and a profile without a token', async () => {
    const { organizer } = await createOrganizer(app);
    expect((await app.api('GET', '/organizers')).status).toBe(200);
    expect((await app.api('GET', `/organizers/${organizer.id}`)).status).toBe(200);
  });
});

describe('authorization', () => {
  it('answers 403 to a non-owner and to an admin on the owner-only update', async () => {
    const { organizer } = await createOrganizer(app);
    for (const role of ['USER', 'ORGANIZER', 'ADMIN'] as const) {
      const { token } = await createUser(app, { role });
      const res = await app.api('PATCH', `/organizers/${organizer.id}`, { token, body: { name: 'Hijacked' } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await reloadOrganizer(app, organizer.id)).toEqual(organizer);
  });

  it('answers 403 to non-admins, the owner included, on admin update and approval', async () => {
    const { organizer, owner } = await createOrganizer(app, { status: 'PENDING' });
    const { token: userToken } = await createUser(app);
    for (const token of [owner.token, userToken]) {
      expect(
        (await app.api('PATCH', `/organizers/${organizer.id}/admin`, { token, body: { status: 'APPROVED' } })).status,
      ).toBe(403);
      expect(
        (await app.api('POST', `/organizers/${organizer.id}/approval`, { token, body: { status: 'APPROVED' } })).status,
      ).toBe(403);
    }
    expect(await reloadOrganizer(app, organizer.id)).toEqual(organizer);
  });

  it('answers 403 to a non-owner delete', async () => {
    const { organizer } = await createOrganizer(app);
    const { token } = await createUser(app, { role: 'ORGANIZER' });
    expect((await app.api('DELETE', `/organizers/${organizer.id}`, { token })).status).toBe(403);
    expect((await reloadOrganizer(app, organizer.id)).deletedAt).toBeNull();
  });
});

describe('malformed input', () => {
  const id = missingId();
  it.each([
    ['POST', '/organizers', {}],
    ['POST', '/organizers', { name: '' }],
    ['POST', '/organizers', { name: 'X', status: 'APPROVED' }],
    ['GET', '/organizers?limit=0', undefined],
    ['GET', '/organizers?limit=abc', undefined],
    ['GET', '/organizers/not-a-uuid', undefined],
    ['PATCH', '/organizers/not-a-uuid', { name: 'X' }],
    ['PATCH', `/organizers/${id}`, {}],
    ['PATCH', `/organizers/${id}`, { phone: '12345' }],
    ['PATCH', `/organizers/${id}`, { status: 'APPROVED' }],
    ['PATCH', '/organizers/not-a-uuid/admin', { name: 'X' }],
    ['PATCH', `/organizers/${id}/admin`, { status: 'GONE' }],
    ['PATCH', `/organizers/${id}/admin`, { ownerId: id }],
    ['POST', '/organizers/not-a-uuid/approval', { status: 'APPROVED' }],
    ['POST', `/organizers/${id}/approval`, { status: 'PENDING' }],
    ['POST', `/organizers/${id}/approval`, {}],
    ['DELETE', '/organizers/not-a-uuid', undefined],
  ])('%s %s %j → 400', async (method, path, body) => {
    const { token } = await createUser(app, { role: 'ADMIN' });
    const res = await app.api(method, path, { token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

// Organizers: create (one transaction with the owner's promotion), listing, and every write to an
// existing organizer (selfUpdate, adminUpdate, setApproval, softDelete) on live, missing and
// soft-deleted rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { contextWithRace, createOrganizer, reloadOrganizer, softDeleteOrganizer } from '../../test/fixtures.ts';
import { createUser, missingId, startTestApp, type TestApp } from '../../test/support.ts';
import { NotFoundError } from '../lib/errors.ts';
import { OrganizerService } from './organizer.service.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('organizers');
  app = await startTestApp(db.url);
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

const adminToken = async (): Promise<string> => (await createUser(app, { role: 'ADMIN' })).token;

describe('create (POST /organizers)', () => {
  it('creates a PENDING organizer owned by the caller and promotes a USER to ORGANIZER', async () => {
    const { user, token } = await createUser(app);
    const res = await app.api('POST', '/organizers', {
      token,
      body: { name: 'Night Owls', description: 'late shows' },
    });
    expect(res.status).toBe(201);
    expect(res.body.organizer).toMatchObject({ name: 'Night Owls', status: 'PENDING', ownerId: user.id });
    expect(await reloadOrganizer(app, res.body.organizer.id)).toMatchObject({ ownerId: user.id, deletedAt: null });
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('ORGANIZER');
    expect(await app.server.built.tokens.verify(res.body.token)).toEqual({
      userId: user.id,
      role: 'ORGANIZER',
      version: 1,
    });
    // The promotion revoked the USER token the caller came with.
    expect((await app.api('GET', '/users/me', { token })).status).toBe(401);
  });

  it('leaves an ADMIN an ADMIN', async () => {
    const { user, token } = await createUser(app, { role: 'ADMIN' });
    expect((await app.api('POST', '/organizers', { token, body: { name: 'House' } })).status).toBe(201);
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('ADMIN');
  });

  // A deleted caller's token is revoked (401) before the service runs; the service's own P2025 path
  // (a deletion between the check and the write) is the contextWithRace test below.
  it('answers 401 for a soft-deleted caller and writes nothing', async () => {
    const { user, token } = await createUser(app, { deleted: true });
    const res = await app.api('POST', '/organizers', { token, body: { name: 'Ghost Org' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect(await app.prisma.organizer.count({ where: { ownerId: user.id } })).toBe(0);
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('USER');
  });

  it('answers 401 for a caller that does not exist', async () => {
    const token = await app.tokenFor({ id: missingId(), role: 'USER' });
    const res = await app.api('POST', '/organizers', { token, body: { name: 'Nobody' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
  });
});

describe('list and get', () => {
  it('lists approved, live organizers only, with the total', async () => {
    const approved = await Promise.all([1, 2, 3].map(() => createOrganizer(app)));
    const pending = await createOrganizer(app, { status: 'PENDING' });
    const deleted = await createOrganizer(app, { deleted: true });
    const res = await app.api('GET', '/organizers?limit=100');
    expect(res.status).toBe(200);
    const ids = res.body.organizers.map((o: { id: string }) => o.id);
    for (const { organizer } of approved) expect(ids).toContain(organizer.id);
    expect(ids).not.toContain(pending.organizer.id);
    expect(ids).not.toContain(deleted.organizer.id);
    expect(res.body.total).toBe(await app.prisma.organizer.count({ where: { status: 'APPROVED', deletedAt: null } }));
  });

  it('pages', async () => {
    await Promise.all([1, 2, 3].map(() => createOrganizer(app)));
    const first = await app.api('GET', '/organizers?limit=2&offset=0');
    const second = await app.api('GET', '/organizers?limit=2&offset=2');
    expect(first.body.organizers).toHaveLength(2);
    const firstIds = first.body.organizers.map((o: { id: string }) => o.id);
    for (const o of second.body.organizers) expect(firstIds).not.toContain(o.id);
    expect((await app.api('GET', '/organizers?offset=100000')).body).toMatchObject({
      organizers: [],
      total: first.body.total,
    });
  });

  it('gets a live organizer and answers 404 for a missing or soft-deleted one', async () => {
    const { organizer } = await createOrganizer(app);
    const deleted = await createOrganizer(app, { deleted: true });
    expect((await app.api('GET', `/organizers/${organizer.id}`)).body.organizer.id).toBe(organizer.id);
    for (const id of [missingId(), deleted.organizer.id]) {
      const res = await app.api('GET', `/organizers/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });
});

describe('selfUpdate (PATCH /organizers/:id)', () => {
  it("updates the owner's organizer; a new phone is no longer verified", async () => {
    const { organizer, owner } = await createOrganizer(app, { phone: '+15550001111' });
    await app.prisma.organizer.update({ where: { id: organizer.id }, data: { phoneVerifiedAt: new Date() } });
    const res = await app.api('PATCH', `/organizers/${organizer.id}`, {
      token: owner.token,
      body: { name: 'Renamed', phone: '+15550002222' },
    });
    expect(res.status).toBe(200);
    expect(await reloadOrganizer(app, organizer.id)).toMatchObject({
      name: 'Renamed',
      phone: '+15550002222',
      phoneVerifiedAt: null,
    });
  });

  it('answers 404 for a missing organizer', async () => {
    const { token } = await createUser(app, { role: 'ORGANIZER' });
    const res = await app.api('PATCH', `/organizers/${missingId()}`, { token, body: { name: 'X' } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 404 for a soft-deleted organizer and leaves it unchanged', async () => {
    const { organizer, owner } = await createOrganizer(app, { deleted: true });
    const res = await app.api('PATCH', `/organizers/${organizer.id}`, { token: owner.token, body: { name: 'Zombie' } });
    expect(res.status).toBe(404);
    expect(await reloadOrganizer(app, organizer.id)).toEqual(organizer);
  });

  it('answers 404 when the organizer is deleted between the ownership check and the write (P2025)', async () => {
    const { organizer, owner } = await createOrganizer(app);
    const service = new OrganizerService(
      contextWithRace(app, 'organizer', 'update', () => softDeleteOrganizer(app, organizer.id)),
    );
    await expect(
      service.selfUpdate({ userId: owner.user.id, role: 'ORGANIZER' }, organizer.id, { name: 'Late' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await reloadOrganizer(app, organizer.id)).name).toBe(organizer.name);
  });
});

describe('adminUpdate (PATCH /organizers/:id/admin) and setApproval (POST /organizers/:id/approval)', () => {
  it('lets an admin change name and status', async () => {
    const { organizer } = await createOrganizer(app, { status: 'PENDING' });
    const res = await app.api('PATCH', `/organizers/${organizer.id}/admin`, {
      token: await adminToken(),
      body: { name: 'Moderated', status: 'SUSPENDED' },
    });
    expect(res.status).toBe(200);
    expect(await reloadOrganizer(app, organizer.id)).toMatchObject({ name: 'Moderated', status: 'SUSPENDED' });
  });

  it('approves', async () => {
    const { organizer } = await createOrganizer(app, { status: 'PENDING' });
    const res = await app.api('POST', `/organizers/${organizer.id}/approval`, {
      token: await adminToken(),
      body: { status: 'APPROVED' },
    });
    expect(res.status).toBe(200);
    expect(res.body.organizer.status).toBe('APPROVED');
    expect((await reloadOrganizer(app, organizer.id)).status).toBe('APPROVED');
  });

  it.each([
    ['PATCH', 'admin', { status: 'APPROVED' }],
    ['POST', 'approval', { status: 'APPROVED' }],
  ])(
    '%s …/%s answers 404 for missing and soft-deleted organizers, leaving the row unchanged',
    async (method, action, body) => {
      const token = await adminToken();
      const missing = await app.api(method, `/organizers/${missingId()}/${action}`, { token, body });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('NOT_FOUND');
      const { organizer } = await createOrganizer(app, { status: 'PENDING', deleted: true });
      const deleted = await app.api(method, `/organizers/${organizer.id}/${action}`, { token, body });
      expect(deleted.status).toBe(404);
      expect(await reloadOrganizer(app, organizer.id)).toEqual(organizer);
    },
  );
});

describe('softDelete (DELETE /organizers/:id)', () => {
  it('lets the owner delete, after which the organizer is gone', async () => {
    const { organizer, owner } = await createOrganizer(app);
    const res = await app.api('DELETE', `/organizers/${organizer.id}`, { token: owner.token });
    expect(res.status).toBe(204);
    expect((await reloadOrganizer(app, organizer.id)).deletedAt).not.toBeNull();
    expect((await app.api('GET', `/organizers/${organizer.id}`)).status).toBe(404);
  });

  it('lets an admin delete', async () => {
    const { organizer } = await createOrganizer(app);
    expect((await app.api('DELETE', `/organizers/${organizer.id}`, { token: await adminToken() })).status).toBe(204);
    expect((await reloadOrganizer(app, organizer.id)).deletedAt).not.toBeNull();
  });

  it('answers 404 for a missing organizer and for a second delete, keeping the first deletedAt', async () => {
    const token = await adminToken();
    expect((await app.api('DELETE', `/organizers/${missingId()}`, { token })).status).toBe(404);
    const { organizer } = await createOrganizer(app, { deleted: true });
    const res = await app.api('DELETE', `/organizers/${organizer.id}`, { token });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(await reloadOrganizer(app, organizer.id)).toEqual(organizer);
  });

  it('answers 404 when the organizer is deleted between the check and the write (P2025)', async () => {
    const { organizer, owner } = await createOrganizer(app);
    const service = new OrganizerService(
      contextWithRace(app, 'organizer', 'update', () => softDeleteOrganizer(app, organizer.id)),
    );
    await expect(service.softDelete({ userId: owner.user.id, role: 'ORGANIZER' }, organizer.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

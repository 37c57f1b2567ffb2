// Follows: idempotent follow (the unique constraint decides, also under concurrency), unfollow by
// the compound key (not following → 404), listing and counting that ignore deleted rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { createFollow, createOrganizer } from '../../test/fixtures.ts';
import { createUser, missingId, startTestApp, type TestApp } from '../../test/support.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('follows');
  app = await startTestApp(db.url);
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

const followsOf = (userId: string) => app.prisma.follow.findMany({ where: { userId } });

describe('follow (POST /organizers/:id/follow)', () => {
  it('creates the follow (201), and answers 200 with the same follow when already following', async () => {
    const { organizer } = await createOrganizer(app);
    const { user, token } = await createUser(app);
    const first = await app.api('POST', `/organizers/${organizer.id}/follow`, { token });
    expect(first.status).toBe(201);
    expect(first.body.follow).toMatchObject({ userId: user.id, organizerId: organizer.id });
    const again = await app.api('POST', `/organizers/${organizer.id}/follow`, { token });
    expect(again.status).toBe(200);
    expect(again.body.follow.id).toBe(first.body.follow.id);
    expect(await followsOf(user.id)).toHaveLength(1);
  });

  it('stays idempotent under concurrent follows: one 201, the rest 200, one row', async () => {
    const { organizer } = await createOrganizer(app);
    const { user, token } = await createUser(app);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => app.api('POST', `/organizers/${organizer.id}/follow`, { token })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.follow.id)).size).toBe(1);
    expect(await followsOf(user.id)).toHaveLength(1);
  });

  it('answers 404 for a missing or soft-deleted organizer and creates nothing', async () => {
    const deleted = await createOrganizer(app, { deleted: true });
    const { user, token } = await createUser(app);
    for (const id of [missingId(), deleted.organizer.id]) {
      const res = await app.api('POST', `/organizers/${id}/follow`, { token });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect(await followsOf(user.id)).toHaveLength(0);
  });

  it('answers 401 to a soft-deleted caller (its token is revoked) and creates nothing', async () => {
    const { organizer } = await createOrganizer(app);
    const { user, token } = await createUser(app, { deleted: true });
    expect((await app.api('POST', `/organizers/${organizer.id}/follow`, { token })).status).toBe(401);
    expect(await followsOf(user.id)).toHaveLength(0);
  });
});

describe('unfollow (DELETE /organizers/:id/follow)', () => {
  it('deletes the follow', async () => {
    const { organizer } = await createOrganizer(app);
    const { user, token } = await createUser(app);
    await createFollow(app, user.id, organizer.id);
    expect((await app.api('DELETE', `/organizers/${organizer.id}/follow`, { token })).status).toBe(204);
    expect(await followsOf(user.id)).toHaveLength(0);
  });

  it('answers 404 when not following, for a missing organizer, and for a second unfollow', async () => {
    const { organizer } = await createOrganizer(app);
    const { user, token } = await createUser(app);
    for (const id of [organizer.id, missingId()]) {
      const res = await app.api('DELETE', `/organizers/${id}/follow`, { token });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    await createFollow(app, user.id, organizer.id);
    expect((await app.api('DELETE', `/organizers/${organizer.id}/follow`, { token })).status).toBe(204);
    expect((await app.api('DELETE', `/organizers/${organizer.id}/follow`, { token })).status).toBe(404);
  });

  it('lets a follower of a since-deleted organizer unfollow it', async () => {
    const { organizer } = await createOrganizer(app, { deleted: true });
    const { user, token } = await createUser(app);
    await createFollow(app, user.id, organizer.id);
    expect((await app.api('DELETE', `/organizers/${organizer.id}/follow`, { token })).status).toBe(204);
    expect(await followsOf(user.id)).toHaveLength(0);
  });

  it("never touches another user's follow", async () => {
    const { organizer } = await createOrganizer(app);
    const follower = await createUser(app);
    const follow = await createFollow(app, follower.user.id, organizer.id);
    const { token } = await createUser(app);
    expect((await app.api('DELETE', `/organizers/${organizer.id}/follow`, { token })).status).toBe(404);
    expect(await followsOf(follower.user.id)).toEqual([follow]);
  });
});

describe('listing and counting', () => {
  it("lists the caller's follows of live organizers, newest first, with the total", async () => {
    const { user, token } = await createUser(app);
    const live = [await createOrganizer(app), await createOrganizer(app, { status: 'PENDING' })];
    const deleted = await createOrganizer(app, { deleted: true });
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await createFollow(app, user.id, live[0]!.organizer.id, minutesAgo(3));
    await createFollow(app, user.id, live[1]!.organizer.id, minutesAgo(2));
    await createFollow(app, user.id, deleted.organizer.id, minutesAgo(1));
    await createFollow(app, (await createUser(app)).user.id, live[0]!.organizer.id);

    const res = await app.api('GET', '/users/me/follows', { token });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.follows.map((f: { organizer: { id: string } }) => f.organizer.id)).toEqual([
      live[1]!.organizer.id,
      live[0]!.organizer.id,
    ]);
    const page = await app.api('GET', '/users/me/follows?limit=1&offset=1', { token });
    expect(page.body).toMatchObject({ total: 2, follows: [{ organizerId: live[0]!.organizer.id }] });
  });

  it('counts the followers that still have an account, without a token', async () => {
    const { organizer } = await createOrganizer(app);
    for (const deleted of [false, false, true])
      await createFollow(app, (await createUser(app, { deleted })).user.id, organizer.id);
    const res = await app.api('GET', `/organizers/${organizer.id}/followers/count`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ organizerId: organizer.id, count: 2 });
  });

  it('answers 404 for the count of a missing or soft-deleted organizer', async () => {
    const deleted = await createOrganizer(app, { deleted: true });
    for (const id of [missingId(), deleted.organizer.id]) {
      const res = await app.api('GET', `/organizers/${id}/followers/count`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });
});

describe('authentication and input', () => {
  it.each([
    ['POST', `/organizers/${missingId()}/follow`],
    ['DELETE', `/organizers/${missingId()}/follow`],
    ['GET', '/users/me/follows'],
  ])('%s %s answers 401 without a token', async (method, path) => {
    expect((await app.api(method, path)).status).toBe(401);
  });

  it.each([
    ['POST', '/organizers/not-a-uuid/follow'],
    ['DELETE', '/organizers/not-a-uuid/follow'],
    ['GET', '/users/me/follows?limit=101'],
    ['GET', '/users/me/follows?offset=-1'],
    ['GET', '/organizers/not-a-uuid/followers/count'],
  ])('%s %s → 400', async (method, path) => {
    const { token } = await createUser(app);
    const res = await app.api(method, path, { token });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

// Chat moderation (DELETE /chat/messages/:id): an admin or the event's owner soft-deletes a message
// with a reason; a missing or already deleted message is 404 (never 500) and is left as it was;
// anyone else is 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../harness/testing/database.ts';
import { createUser, missingId, startTestApp, type TestApp } from '../../../test/support.ts';
import { createMessage, createOwnedEvent } from '../../../test/fixtures-events.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('moderation');
  app = await startTestApp(db.url);
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

async function scene(options: { deleted?: boolean } = {}) {
  const { event, owner } = await createOwnedEvent(app);
  const author = await createUser(app);
  const message = await createMessage(app, event.id, author.user.id, options);
  return { event, owner, author, message };
}

const row = (id: string) => app.prisma.chatMessage.findUniqueOrThrow({ where: { id } });

describe('deleteMessage', () => {
  it('lets the event owner delete with a reason, recording who and why', async () => {
    const { owner, message } = await scene();
    const res = await app.api('DELETE', `/chat/messages/${message.id}`, {
      token: owner.token,
      body: { reason: 'spam' },
    });
    expect(res.status).toBe(200);
    expect(res.body.message).toMatchObject({
      id: message.id,
      deletedById: owner.user.id,
      moderationReason: 'spam',
      deletedAt: expect.any(String),
    });
    expect(await row(message.id)).toMatchObject({
      deletedById: owner.user.id,
      moderationReason: 'spam',
      deletedAt: expect.any(Date),
    });
  });

  it('lets an admin delete without a reason (and without a body)', async () => {
    const { message } = await scene();
    const admin = await createUser(app, { role: 'ADMIN' });
    const res = await app.api('DELETE', `/chat/messages/${message.id}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(await row(message.id)).toMatchObject({
      deletedById: admin.user.id,
      moderationReason: null,
      deletedAt: expect.any(Date),
    });
  });

  it('answers 404 NOT_FOUND for a missing message', async () => {
    const admin = await createUser(app, { role: 'ADMIN' });
    const res = await app.api('DELETE', `/chat/messages/${missingId()}`, { token: admin.token, body: { reason: 'x' } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 404 for an already deleted message and leaves it unchanged', async () => {
    const { owner, message } = await scene({ deleted: true });
    const before = await row(message.id);
    for (const token of [owner.token, (await createUser(app, { role: 'ADMIN' })).token]) {
      const res = await app.api('DELETE', `/chat/messages/${message.id}`, { token, body: { reason: 'again' } });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect(await row(message.id)).toEqual(before);
  });

  it('answers 404 the second time a message is deleted', async () => {
    const { owner, message } = await scene();
    expect(
      (await app.api('DELETE', `/chat/messages/${message.id}`, { token: owner.token, body: { reason: 'first' } }))
        .status,
    ).toBe(200);
    const again = await app.api('DELETE', `/chat/messages/${message.id}`, {
      token: owner.token,
      body: { reason: 'second' },
    });
    expect(again.status).toBe(404);
    expect((await row(message.id)).moderationReason).toBe('first');
  });

  it('answers 403 to the author, a plain user and another organizer, and leaves the message', async () => {
    const { author, message } = await scene();
    const before = await row(message.id);
    for (const token of [
      author.token,
      (await createUser(app)).token,
      (await createUser(app, { role: 'ORGANIZER' })).token,
    ]) {
      const res = await app.api('DELETE', `/chat/messages/${message.id}`, { token, body: { reason: 'mine' } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await row(message.id)).toEqual(before);
  });

  it.each([
    ['an empty reason', { reason: '' }],
    ['a reason of 501 characters', { reason: 'x'.repeat(501) }],
    ['an unknown field', { reason: 'spam', ban: true }],
  ])('rejects %s with 400', async (_name, body) => {
    const { owner, message } = await scene();
    const res = await app.api('DELETE', `/chat/messages/${message.id}`, { token: owner.token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect((await row(message.id)).deletedAt).toBeNull();
  });

  it('rejects a malformed id with 400', async () => {
    const admin = await createUser(app, { role: 'ADMIN' });
    expect((await app.api('DELETE', '/chat/messages/123', { token: admin.token })).status).toBe(400);
  });
});

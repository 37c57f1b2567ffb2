// Chat over HTTP: reading an event's live messages newest first, posting to a published event, and
// the 404s, 400s and 401s around them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../harness/testing/database.ts';
import { createUser, missingId, startTestApp, type TestApp } from '../../../test/support.ts';
import { createMessage, createOwnedEvent } from '../../../test/fixtures-events.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('chat');
  app = await startTestApp(db.url);
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

describe('GET /events/:id/messages', () => {
  it('lists live messages newest first, paginated', async () => {
    const { event } = await createOwnedEvent(app);
    const { user, token } = await createUser(app);
    const first = await createMessage(app, event.id, user.id, { body: 'first' });
    const second = await createMessage(app, event.id, user.id, { body: 'second' });
    await createMessage(app, event.id, user.id, { body: 'moderated away', deleted: true });
    const res = await app.api('GET', `/events/${event.id}/messages`, { token });
    expect(res.status).toBe(200);
    expect(res.body.messages.map((m: { id: string }) => m.id)).toEqual([second.id, first.id]);
    const page = await app.api('GET', `/events/${event.id}/messages?limit=1&offset=1`, { token });
    expect(page.body.messages.map((m: { id: string }) => m.id)).toEqual([first.id]);
  });

  it('answers 404 for a missing or soft-deleted event, 400 for a malformed id or query', async () => {
    const { event } = await createOwnedEvent(app, { deleted: true });
    const { token } = await createUser(app);
    expect((await app.api('GET', `/events/${event.id}/messages`, { token })).status).toBe(404);
    expect((await app.api('GET', `/events/${missingId()}/messages`, { token })).body.error.code).toBe('NOT_FOUND');
    expect((await app.api('GET', '/events/x/messages', { token })).status).toBe(400);
    expect((await app.api('GET', `/events/${missingId()}/messages?limit=1000`, { token })).status).toBe(400);
  });
});

describe('POST /events/:id/messages', () => {
  it('stores the message and answers 201 with it', async () => {
    const { event } = await createOwnedEvent(app);
    const { user, token } = await createUser(app);
    const res = await app.api('POST', `/events/${event.id}/messages`, { token, body: { body: '  hello there  ' } });
    expect(res.status).toBe(201);
    expect(res.body.message).toMatchObject({
      eventId: event.id,
      authorId: user.id,
      body: 'hello there',
      createdAt: expect.any(String),
    });
    expect(await app.prisma.chatMessage.findUniqueOrThrow({ where: { id: res.body.message.id } })).toMatchObject({
      body: 'hello there',
      authorId: user.id,
    });
  });

  it('answers 404 for a missing, soft-deleted or unpublished event and stores nothing', async () => {
    const deleted = await createOwnedEvent(app, { deleted: true });
    const draft = await createOwnedEvent(app, { status: 'DRAFT' });
    const { user, token } = await createUser(app);
    for (const eventId of [missingId(), deleted.event.id, draft.event.id]) {
      const res = await app.api('POST', `/events/${eventId}/messages`, { token, body: { body: 'anyone?' } });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect(await app.prisma.chatMessage.count({ where: { authorId: user.id } })).toBe(0);
  });

  it.each([
    ['no body', {}],
    ['an empty body', { body: '' }],
    ['a blank body', { body: '   ' }],
    ['a body of 2001 characters', { body: 'x'.repeat(2_001) }],
    ['a body that is not a string', { body: ['hi'] }],
    ['an unknown field', { body: 'hi', authorId: missingId() }],
  ])('rejects %s with 400', async (_name, body) => {
    const { event } = await createOwnedEvent(app);
    const { token } = await createUser(app);
    const res = await app.api('POST', `/events/${event.id}/messages`, { token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('accepts exactly 2000 characters', async () => {
    const { event } = await createOwnedEvent(app);
    const { token } = await createUser(app);
    expect(
      (await app.api('POST', `/events/${event.id}/messages`, { token, body: { body: 'x'.repeat(2_000) } })).status,
    ).toBe(201);
  });
});

describe('authentication', () => {
  it.each([
    ['GET', `/events/${missingId()}/messages`],
    ['POST', `/events/${missingId()}/messages`],
    ['DELETE', `/chat/messages/${missingId()}`],
  ])('%s %s answers 401 without a token', async (method, path) => {
    const res = await app.api(method, path, { body: method === 'GET' ? undefined : { body: 'hi' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
  });
});

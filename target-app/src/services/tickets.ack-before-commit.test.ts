// The `ack-before-commit` defect does what it says, so the harness's "no acknowledged write is lost"
// check has something to catch: a 201 goes out before the row exists, and a batch whose insert
// fails is dropped — including writes that were themselves fine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { createUser, missingId, startTestApp, waitFor, type TestApp } from '../../test/support.ts';
import { createOwnedEvent } from '../../test/fixtures-events.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('ack_before_commit');
  app = await startTestApp(db.url, { TARGET_APP_DEFECTS: 'ack-before-commit' });
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

describe('defect ack-before-commit', () => {
  it('acknowledges 201 before the ticket is in the database; it lands later when the database is fine', async () => {
    const { event } = await createOwnedEvent(app);
    const { user, token } = await createUser(app);
    const clientKey = `early-${missingId()}`;
    const res = await app.api('POST', `/events/${event.id}/tickets`, { token, body: { clientKey } });
    expect(res.status).toBe(201);
    expect(res.body.ticket).toEqual({ clientKey, eventId: event.id, holderId: user.id, status: 'RESERVED' });
    expect(await app.prisma.ticket.findUnique({ where: { clientKey } })).toBeNull();
    await waitFor(async () => (await app.prisma.ticket.findUnique({ where: { clientKey } })) !== null, 5_000);
  });

  it('loses every acknowledged write of a batch whose flush fails', async () => {
    const { event } = await createOwnedEvent(app);
    const { token } = await createUser(app);
    const good = `good-${missingId()}`;
    const doomed = `doomed-${missingId()}`;
    // Both answered 201 within one flush window; the second refers to no event, so the batch insert fails.
    const [first, second] = await Promise.all([
      app.api('POST', `/events/${event.id}/tickets`, { token, body: { clientKey: good } }),
      app.api('POST', `/events/${missingId()}/tickets`, { token, body: { clientKey: doomed } }),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    await waitFor(
      () =>
        app.logs.some((line) => line.event === 'tickets.deferred.lost' && (line.clientKeys as string[]).includes(good)),
      5_000,
    );
    expect(await app.prisma.ticket.count({ where: { clientKey: { in: [good, doomed] } } })).toBe(0);
  });

  it('still validates the body at the edge', async () => {
    const { event } = await createOwnedEvent(app);
    const { token } = await createUser(app);
    expect(
      (await app.api('POST', `/events/${event.id}/tickets`, { token, body: { clientKey: 'no spaces allowed' } }))
        .status,
    ).toBe(400);
  });
});

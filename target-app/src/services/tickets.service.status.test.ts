// Tickets, changing status (updateStatus, verify): who may do what, 404 for a missing ticket
// (never 500), 409 for a ticket that is no longer active — and the row is untouched whenever the
// answer is not 200.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import type { TicketStatus } from '../generated/prisma/enums.ts';
import { createUser, missingId, startTestApp, type TestApp } from '../../test/support.ts';
import { createOwnedEvent, createTicket } from '../../test/fixtures-events.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('ticket_status');
  app = await startTestApp(db.url);
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

/** A ticket in `status`, with everyone who might act on it. */
async function scene(status: TicketStatus = 'RESERVED') {
  const { event, owner } = await createOwnedEvent(app);
  const holder = await createUser(app);
  const admin = await createUser(app, { role: 'ADMIN' });
  const stranger = await createUser(app, { role: 'ORGANIZER' });
  const ticket = await createTicket(app, event.id, holder.user.id, { status });
  return { ticket, owner, holder, admin, stranger };
}

const row = (id: string) => app.prisma.ticket.findUniqueOrThrow({ where: { id } });

describe('updateStatus (PATCH /tickets/:id/status)', () => {
  it('lets the holder cancel', async () => {
    const { ticket, holder } = await scene();
    const res = await app.api('PATCH', `/tickets/${ticket.id}/status`, {
      token: holder.token,
      body: { status: 'CANCELLED' },
    });
    expect(res.status).toBe(200);
    expect(res.body.ticket.status).toBe('CANCELLED');
    expect((await row(ticket.id)).status).toBe('CANCELLED');
  });

  it('lets the event owner and an admin confirm and cancel', async () => {
    for (const who of ['owner', 'admin'] as const) {
      const s = await scene();
      expect(
        (
          await app.api('PATCH', `/tickets/${s.ticket.id}/status`, {
            token: s[who].token,
            body: { status: 'CONFIRMED' },
          })
        ).status,
      ).toBe(200);
      expect((await row(s.ticket.id)).status).toBe('CONFIRMED');
      expect(
        (
          await app.api('PATCH', `/tickets/${s.ticket.id}/status`, {
            token: s[who].token,
            body: { status: 'CANCELLED' },
          })
        ).status,
      ).toBe(200);
      expect((await row(s.ticket.id)).status).toBe('CANCELLED');
    }
  });

  it('answers 403 when the holder confirms or a stranger touches it, and leaves the row unchanged', async () => {
    const { ticket, holder, stranger } = await scene();
    const before = await row(ticket.id);
    for (const [token, status] of [
      [holder.token, 'CONFIRMED'],
      [stranger.token, 'CANCELLED'],
      [stranger.token, 'CONFIRMED'],
    ] as const) {
      const res = await app.api('PATCH', `/tickets/${ticket.id}/status`, { token, body: { status } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await row(ticket.id)).toEqual(before);
  });

  it('answers 404 NOT_FOUND for a missing ticket', async () => {
    const { token } = await createUser(app, { role: 'ADMIN' });
    const res = await app.api('PATCH', `/tickets/${missingId()}/status`, { token, body: { status: 'CANCELLED' } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it.each(['USED', 'CANCELLED'] as const)('answers 409 for a %s ticket and leaves it unchanged', async (status) => {
    const { ticket, owner } = await scene(status);
    const before = await row(ticket.id);
    const res = await app.api('PATCH', `/tickets/${ticket.id}/status`, {
      token: owner.token,
      body: { status: 'CONFIRMED' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(await row(ticket.id)).toEqual(before);
  });

  it.each([
    ['RESERVED (not settable)', { status: 'RESERVED' }],
    ['USED (only through verify)', { status: 'USED' }],
    ['an unknown status', { status: 'LOST' }],
    ['no status', {}],
    ['an unknown field', { status: 'CANCELLED', verifiedAt: null }],
  ])('rejects %s with 400', async (_name, body) => {
    const { ticket, owner } = await scene();
    const res = await app.api('PATCH', `/tickets/${ticket.id}/status`, { token: owner.token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('rejects a malformed id with 400', async () => {
    const { owner } = await scene();
    expect(
      (await app.api('PATCH', '/tickets/x/status', { token: owner.token, body: { status: 'CANCELLED' } })).status,
    ).toBe(400);
  });
});

describe('verify (POST /tickets/:id/verify)', () => {
  it.each(['RESERVED', 'CONFIRMED'] as const)(
    'marks a %s ticket USED with verifiedAt, for the owner and an admin',
    async (status) => {
      for (const who of ['owner', 'admin'] as const) {
        const s = await scene(status);
        const res = await app.api('POST', `/tickets/${s.ticket.id}/verify`, { token: s[who].token });
        expect(res.status).toBe(200);
        expect(res.body.ticket).toMatchObject({ status: 'USED', verifiedAt: expect.any(String) });
        expect(await row(s.ticket.id)).toMatchObject({ status: 'USED', verifiedAt: expect.any(Date) });
      }
    },
  );

  it.each(['USED', 'CANCELLED'] as const)('answers 409 for a %s ticket and leaves it unchanged', async (status) => {
    const { ticket, owner } = await scene(status);
    const before = await row(ticket.id);
    const res = await app.api('POST', `/tickets/${ticket.id}/verify`, { token: owner.token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(await row(ticket.id)).toEqual(before);
  });

  it('answers 404 NOT_FOUND for a missing ticket (even to a non-owner) and 400 for a malformed id', async () => {
    for (const role of ['ADMIN', 'USER'] as const) {
      const { token } = await createUser(app, { role });
      const res = await app.api('POST', `/tickets/${missingId()}/verify`, { token });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    const { token } = await createUser(app, { role: 'ADMIN' });
    expect((await app.api('POST', '/tickets/nope/verify', { token })).status).toBe(400);
  });

  it('answers 403 to the holder and to a stranger, and leaves the row unchanged', async () => {
    const { ticket, holder, stranger } = await scene('CONFIRMED');
    const before = await row(ticket.id);
    for (const { token } of [holder, stranger]) {
      const res = await app.api('POST', `/tickets/${ticket.id}/verify`, { token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await row(ticket.id)).toEqual(before);
  });
});

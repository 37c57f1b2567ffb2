// Phone verification: codes (hashed, expiring, five attempts), and the verification's phone write
// with the P2025 pattern for users and organizers, on live, missing and soft-deleted owners.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import {
  contextWithRace,
  createOrganizer,
  createVerificationCode,
  reloadOrganizer,
  reloadUser,
  softDeleteOrganizer,
  softDeleteUser,
} from '../../test/fixtures.ts';
import { createUser, missingId, startTestApp, type TestApp } from '../../test/support.ts';
import { NotFoundError } from '../lib/errors.ts';
import { MAX_ATTEMPTS, PhoneVerificationService } from './phone-verification.service.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('phone_verification');
  app = await startTestApp(db.url);
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

const PHONE = '+351912345678';
const USER_START = '/phone-verification/users/me/start';
const USER_VERIFY = '/phone-verification/users/me/verify';
const codesOf = (owner: { userId: string } | { organizerId: string }) =>
  app.prisma.phoneVerificationCode.findMany({ where: owner });

describe('users: start', () => {
  it('stores a hash of a 6-digit code that expires in ten minutes', async () => {
    const { user, token } = await createUser(app);
    const res = await app.api('POST', USER_START, { token, body: { phone: PHONE } });
    expect(res.status).toBe(201);
    expect(res.body.devCode).toMatch(/^\d{6}$/);
    const expiresInMs = new Date(res.body.expiresAt).getTime() - Date.now();
    expect(expiresInMs).toBeGreaterThan(590_000);
    expect(expiresInMs).toBeLessThanOrEqual(600_000);
    const [code, ...others] = await codesOf({ userId: user.id });
    expect(others).toHaveLength(0);
    expect(code).toMatchObject({ phone: PHONE, attempts: 0, consumedAt: null });
    expect(code?.codeHash).not.toContain(res.body.devCode);
  });

  it('does not expose the code when the context says not to', async () => {
    const { user } = await createUser(app);
    const service = new PhoneVerificationService({ ...app.server.built.services, exposeVerificationCodes: false });
    expect(await service.startForUser(user.id, PHONE)).toEqual({ expiresAt: expect.any(Date) });
  });

  // Their tokens are revoked: the answer comes from authentication, before the service runs.
  it('answers 401 for a missing or soft-deleted user and stores no code', async () => {
    const deleted = await createUser(app, { deleted: true });
    for (const token of [deleted.token, await app.tokenFor({ id: missingId(), role: 'USER' })]) {
      const res = await app.api('POST', USER_START, { token, body: { phone: PHONE } });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    }
    expect(await codesOf({ userId: deleted.user.id })).toHaveLength(0);
  });
});

describe('users: verify', () => {
  it('consumes the code and sets the phone as verified', async () => {
    const { user, token } = await createUser(app);
    const { devCode } = (await app.api('POST', USER_START, { token, body: { phone: PHONE } })).body;
    const res = await app.api('POST', USER_VERIFY, { token, body: { code: devCode } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, phone: PHONE });
    expect((await reloadUser(app, user.id)).phoneVerifiedAt).not.toBeNull();
    expect((await codesOf({ userId: user.id }))[0]?.consumedAt).not.toBeNull();
    expect((await app.api('POST', USER_VERIFY, { token, body: { code: devCode } })).status).toBe(400);
  });

  it('checks only the newest code', async () => {
    const { user, token } = await createUser(app);
    const codes = ['111111', '222222'];
    const service = new PhoneVerificationService(app.server.built.services, {
      generateCode: () => codes.shift() ?? '999999',
    });
    await service.startForUser(user.id, PHONE);
    await service.startForUser(user.id, '+351912345679');
    expect((await app.api('POST', USER_VERIFY, { token, body: { code: '111111' } })).status).toBe(400);
    expect((await app.api('POST', USER_VERIFY, { token, body: { code: '222222' } })).body.user.phone).toBe(
      '+351912345679',
    );
  });

  it('refuses an expired code', async () => {
    const { user, token } = await createUser(app);
    await createVerificationCode(app, { userId: user.id }, { code: '123456', expiresAt: new Date(Date.now() - 1_000) });
    expect((await app.api('POST', USER_VERIFY, { token, body: { code: '123456' } })).status).toBe(400);
    expect((await reloadUser(app, user.id)).phoneVerifiedAt).toBeNull();
  });

  it(`counts wrong attempts and refuses even the right code after ${MAX_ATTEMPTS}`, async () => {
    const { user, token } = await createUser(app);
    await createVerificationCode(app, { userId: user.id }, { code: '123456' });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const res = await app.api('POST', USER_VERIFY, { token, body: { code: '000000' } });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual({ attemptsLeft: MAX_ATTEMPTS - attempt });
    }
    const res = await app.api('POST', USER_VERIFY, { token, body: { code: '123456' } });
    expect(res.status).toBe(409);
    expect((await codesOf({ userId: user.id }))[0]).toMatchObject({ attempts: MAX_ATTEMPTS, consumedAt: null });
    expect((await reloadUser(app, user.id)).phone).toBeNull();
  });

  it('holds the limit under parallel guesses', async () => {
    const { user, token } = await createUser(app);
    await createVerificationCode(app, { userId: user.id }, { code: '123456' });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => app.api('POST', USER_VERIFY, { token, body: { code: '000000' } })),
    );
    expect(results.filter((r) => r.status === 400)).toHaveLength(MAX_ATTEMPTS);
    expect(results.filter((r) => r.status === 409)).toHaveLength(10 - MAX_ATTEMPTS);
    expect((await codesOf({ userId: user.id }))[0]?.attempts).toBe(MAX_ATTEMPTS);
  });

  it('answers 401 for a soft-deleted user with a pending code, leaving code and user unchanged', async () => {
    const { user, token } = await createUser(app, { deleted: true });
    await createVerificationCode(app, { userId: user.id }, { code: '123456' });
    const res = await app.api('POST', USER_VERIFY, { token, body: { code: '123456' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect((await codesOf({ userId: user.id }))[0]?.consumedAt).toBeNull();
    expect((await reloadUser(app, user.id)).phone).toBeNull();
  });

  it('answers 401 for a user that does not exist', async () => {
    const token = await app.tokenFor({ id: missingId(), role: 'USER' });
    const res = await app.api('POST', USER_VERIFY, { token, body: { code: '123456' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
  });

  it('answers 404 and leaves the code unconsumed when the user is deleted during verification (P2025 rolls back)', async () => {
    const { user } = await createUser(app);
    await createVerificationCode(app, { userId: user.id }, { code: '123456' });
    const service = new PhoneVerificationService(
      contextWithRace(app, 'user', 'update', () => softDeleteUser(app, user.id)),
    );
    await expect(service.verifyForUser(user.id, '123456')).rejects.toBeInstanceOf(NotFoundError);
    expect((await codesOf({ userId: user.id }))[0]?.consumedAt).toBeNull();
    expect((await reloadUser(app, user.id)).phone).toBeNull();
  });
});

describe('organizers: start and verify', () => {
  const start = (id: string) => `/phone-verification/organizers/${id}/start`;
  const verify = (id: string) => `/phone-verification/organizers/${id}/verify`;

  it("lets the owner verify the organizer's phone", async () => {
    const { organizer, owner } = await createOrganizer(app);
    const started = await app.api('POST', start(organizer.id), { token: owner.token, body: { phone: PHONE } });
    expect(started.status).toBe(201);
    const res = await app.api('POST', verify(organizer.id), {
      token: owner.token,
      body: { code: started.body.devCode },
    });
    expect(res.status).toBe(200);
    expect(await reloadOrganizer(app, organizer.id)).toMatchObject({ phone: PHONE, phoneVerifiedAt: expect.any(Date) });
    expect((await reloadUser(app, owner.user.id)).phone).toBeNull();
  });

  it("lets an admin verify any organizer's phone", async () => {
    const { organizer } = await createOrganizer(app);
    const { token } = await createUser(app, { role: 'ADMIN' });
    const { devCode } = (await app.api('POST', start(organizer.id), { token, body: { phone: PHONE } })).body;
    expect((await app.api('POST', verify(organizer.id), { token, body: { code: devCode } })).status).toBe(200);
    expect((await reloadOrganizer(app, organizer.id)).phone).toBe(PHONE);
  });

  it('answers 403 to a non-owner, storing no code and changing nothing', async () => {
    const { organizer } = await createOrganizer(app);
    await createVerificationCode(app, { organizerId: organizer.id }, { code: '123456' });
    const { token } = await createUser(app, { role: 'ORGANIZER' });
    expect((await app.api('POST', start(organizer.id), { token, body: { phone: PHONE } })).status).toBe(403);
    expect((await app.api('POST', verify(organizer.id), { token, body: { code: '123456' } })).status).toBe(403);
    expect(await codesOf({ organizerId: organizer.id })).toMatchObject([{ attempts: 0, consumedAt: null }]);
    expect(await reloadOrganizer(app, organizer.id)).toEqual(organizer);
  });

  it('answers 404 for a missing organizer', async () => {
    const { token } = await createUser(app, { role: 'ADMIN' });
    for (const [path, body] of [
      [start(missingId()), { phone: PHONE }],
      [verify(missingId()), { code: '123456' }],
    ] as const) {
      const res = await app.api('POST', path, { token, body });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('answers 404 for a soft-deleted organizer, leaving it and its code unchanged', async () => {
    const { organizer, owner } = await createOrganizer(app, { deleted: true });
    await createVerificationCode(app, { organizerId: organizer.id }, { code: '123456' });
    expect((await app.api('POST', start(organizer.id), { token: owner.token, body: { phone: PHONE } })).status).toBe(
      404,
    );
    expect((await app.api('POST', verify(organizer.id), { token: owner.token, body: { code: '123456' } })).status).toBe(
      404,
    );
    expect(await codesOf({ organizerId: organizer.id })).toMatchObject([{ attempts: 0, consumedAt: null }]);
    expect(await reloadOrganizer(app, organizer.id)).toEqual(organizer);
  });

  it('answers 404 and leaves the code unconsumed when the organizer is deleted during verification (P2025 rolls back)', async () => {
    const { organizer, owner } = await createOrganizer(app);
    await createVerificationCode(app, { organizerId: organizer.id }, { code: '123456' });
    const service = new PhoneVerificationService(
      contextWithRace(app, 'organizer', 'update', () => softDeleteOrganizer(app, organizer.id)),
    );
    await expect(
      service.verifyForOrganizer({ userId: owner.user.id, role: 'ORGANIZER' }, organizer.id, '123456'),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await codesOf({ organizerId: organizer.id }))[0]?.consumedAt).toBeNull();
    expect((await reloadOrganizer(app, organizer.id)).phone).toBeNull();
  });
});

describe('authentication and input', () => {
  const id = missingId();
  it.each([
    USER_START,
    USER_VERIFY,
    `/phone-verification/organizers/${id}/start`,
    `/phone-verification/organizers/${id}/verify`,
  ])('POST %s answers 401 without a token', async (path) => {
    expect((await app.api('POST', path, { body: { phone: PHONE, code: '123456' } })).status).toBe(401);
  });

  it.each([
    [USER_START, {}],
    [USER_START, { phone: '912345678' }],
    [USER_START, { phone: PHONE, extra: true }],
    [USER_VERIFY, { code: '12345' }],
    [USER_VERIFY, { code: 123456 }],
    ['/phone-verification/organizers/not-a-uuid/start', { phone: PHONE }],
    [`/phone-verification/organizers/${id}/start`, { phone: 'call me' }],
    ['/phone-verification/organizers/not-a-uuid/verify', { code: '123456' }],
    [`/phone-verification/organizers/${id}/verify`, { code: 'abcdef' }],
  ])('POST %s %j → 400', async (path, body) => {
    const { token } = await createUser(app, { role: 'ADMIN' });
    const res = await app.api('POST', path, { token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

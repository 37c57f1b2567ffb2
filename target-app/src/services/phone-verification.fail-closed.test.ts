// Phone verification fails closed: the code comes back in the response only under the explicit
// PHONE_CODE_IN_RESPONSE development switch — never because NODE_ENV is unset (the review saw codes
// returned whenever NODE_ENV was not "production") — and the sender is an integration whose health
// entry says when it delivers nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createUser, startTestApp, testEnv, type TestApp } from '../../test/support.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('phone_closed');
  // NODE_ENV unset, no switch: what a deployment that forgot both gets.
  app = await startTestApp(db.url, { NODE_ENV: undefined, PHONE_CODE_IN_RESPONSE: undefined });
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

describe('without the development switch', () => {
  it('returns no code, logs no code, and stores only its hash', async () => {
    const { user, token } = await createUser(app);
    const res = await app.api('POST', '/phone-verification/users/me/start', {
      token,
      body: { phone: '+15550001111' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ expiresAt: expect.any(String) });
    const sent = app.logs.filter((line) => line.event === 'sms.not-delivered');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ sender: 'log', phone: '+1555•••1111' });
    expect(JSON.stringify(app.logs)).not.toMatch(/verification code is|"code":"\d{6}"/);
    const [stored] = await app.prisma.phoneVerificationCode.findMany({ where: { userId: user.id } });
    expect(stored?.codeHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says in /health/detailed that the sender delivers nothing, without calling the app degraded', async () => {
    const detailed = await app.api('GET', '/health/detailed');
    expect(detailed.status).toBe(200);
    expect(detailed.body.status).toBe('ok');
    expect(detailed.body.services.sms).toMatchObject({
      status: 'disabled',
      detail: { sender: 'log', delivers: false },
    });
  });
});

describe('the switch', () => {
  it('is off unless set, whatever NODE_ENV says; on only when set to true', () => {
    const base = testEnv('postgresql://localhost/x');
    for (const NODE_ENV of [undefined, 'development', 'test', 'production'])
      expect(loadConfig({ ...base, NODE_ENV, PHONE_CODE_IN_RESPONSE: undefined }).PHONE_CODE_IN_RESPONSE).toBe(false);
    expect(
      loadConfig({ ...base, NODE_ENV: 'development', PHONE_CODE_IN_RESPONSE: 'true' }).PHONE_CODE_IN_RESPONSE,
    ).toBe(true);
  });

  it('is refused in production, and a malformed value is refused everywhere', () => {
    const base = testEnv('postgresql://localhost/x');
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', PHONE_CODE_IN_RESPONSE: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', PHONE_CODE_IN_RESPONSE: 'true' })).toThrow(
      /PHONE_CODE_IN_RESPONSE/,
    );
    expect(() => loadConfig({ ...base, PHONE_CODE_IN_RESPONSE: 'yes' })).toThrow(/PHONE_CODE_IN_RESPONSE/);
  });
});

// /phone-verification: start (send a code) and verify, for the caller and for an organizer the
// caller owns (or any organizer, for an ADMIN).
import { Router } from 'express';
import { z } from 'zod';
import { currentUser } from '../middlewares/auth.middleware.ts';
import { clientIp, rateLimit } from '../middlewares/rate-limit.middleware.ts';
import { input, validate } from '../middlewares/validate.middleware.ts';
import type { ServiceContext } from '../services/context.ts';
import { PhoneVerificationService } from '../services/phone-verification.service.ts';
import { e164Phone } from './phone.ts';
import { protect } from './protect.ts';
import { idParam } from './schemas.ts';

const startBody = z.object({ phone: e164Phone }).strict();
const verifyBody = z.object({ code: z.string().regex(/^\d{6}$/, 'must be 6 digits') }).strict();

const startForUser = { body: startBody };
const verifyForUser = { body: verifyBody };
const startForOrganizer = { params: idParam, body: startBody };
const verifyForOrganizer = { params: idParam, body: verifyBody };

export function phoneVerificationRoutes(ctx: ServiceContext): Router {
  const verification = new PhoneVerificationService(ctx);
  const router = Router();
  const { limits } = ctx;
  // Issuing codes is limited per caller and per client: with five guesses per code, fresh codes
  // would otherwise make a 6-digit code guessable.
  const codeLimit = rateLimit(limits.limiter, limits.windowSec, (req) => [
    { key: `phone-code:account:${currentUser(req).userId}`, limit: limits.phoneCodePerAccount },
    { key: `phone-code:ip:${clientIp(req)}`, limit: limits.phoneCodePerIp },
  ]);

  router.post(
    '/phone-verification/users/me/start',
    ...protect(ctx),
    validate(startForUser),
    codeLimit,
    async (req, res) => {
      res
        .status(201)
        .json(await verification.startForUser(currentUser(req).userId, input(res, startForUser).body.phone));
    },
  );

  router.post('/phone-verification/users/me/verify', ...protect(ctx), validate(verifyForUser), async (req, res) => {
    res.json({ user: await verification.verifyForUser(currentUser(req).userId, input(res, verifyForUser).body.code) });
  });

  router.post(
    '/phone-verification/organizers/:id/start',
    ...protect(ctx),
    validate(startForOrganizer),
    codeLimit,
    async (req, res) => {
      const { params, body } = input(res, startForOrganizer);
      res.status(201).json(await verification.startForOrganizer(currentUser(req), params.id, body.phone));
    },
  );

  router.post(
    '/phone-verification/organizers/:id/verify',
    ...protect(ctx),
    validate(verifyForOrganizer),
    async (req, res) => {
      const { params, body } = input(res, verifyForOrganizer);
      res.json({ organizer: await verification.verifyForOrganizer(currentUser(req), params.id, body.code) });
    },
  );

  return router;
}

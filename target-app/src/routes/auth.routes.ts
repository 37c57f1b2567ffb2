// /auth: register, log in, and change one's own email or password.
import { Router } from 'express';
import { z } from 'zod';
import { currentUser } from '../middlewares/auth.middleware.ts';
import { clientIp, rateLimit } from '../middlewares/rate-limit.middleware.ts';
import { input, validate } from '../middlewares/validate.middleware.ts';
import { AuthService } from '../services/auth.service.ts';
import type { ServiceContext } from '../services/context.ts';
import { protect } from './protect.ts';

// Emails are compared as stored, so they are stored lower-case.
const email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());
const newPassword = z.string().min(8).max(200);

const register = {
  body: z.object({ email, password: newPassword, name: z.string().trim().min(1).max(120) }).strict(),
};
const login = {
  body: z.object({ email, password: z.string().min(1).max(200) }).strict(),
};
const updateMe = {
  body: z
    .object({ email: email.optional(), password: newPassword.optional(), currentPassword: z.string().min(1).max(200) })
    .strict()
    .refine(
      (body) => body.email !== undefined || body.password !== undefined,
      'nothing to update: give email or password',
    ),
};

export function authRoutes(ctx: ServiceContext): Router {
  const auth = new AuthService(ctx);
  const router = Router();

  router.post('/auth/register', validate(register), async (_req, res) => {
    res.status(201).json(await auth.register(input(res, register).body));
  });

  const { limits } = ctx;
  const loginLimit = rateLimit(limits.limiter, limits.windowSec, (req, res) => [
    { key: `login:account:${input(res, login).body.email}`, limit: limits.loginPerAccount },
    { key: `login:ip:${clientIp(req)}`, limit: limits.loginPerIp },
  ]);

  router.post('/auth/login', validate(login), loginLimit, async (_req, res) => {
    res.json(await auth.login(input(res, login).body));
  });

  router.patch('/auth/me', ...protect(ctx), validate(updateMe), async (req, res) => {
    res.json(await auth.updateCredentials(currentUser(req).userId, input(res, updateMe).body));
  });

  return router;
}

// /users: the caller's own profile, public profiles, and an explicit heartbeat.
import { Router } from 'express';
import { z } from 'zod';
import { input, validate } from '../middlewares/validate.middleware.ts';
import { currentUser } from '../middlewares/auth.middleware.ts';
import type { ServiceContext } from '../services/context.ts';
import { UserService } from '../services/user.service.ts';
import { idParam } from './schemas.ts';
import { protect } from './protect.ts';

const updateSelf = {
  body: z
    .object({
      name: z.string().trim().min(1).max(120).optional(),
      phone: z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number')
        .nullable()
        .optional(),
    })
    .strict()
    .refine((body) => Object.keys(body).length > 0, 'nothing to update'),
};
const byId = { params: idParam };

export function usersRoutes(ctx: ServiceContext): Router {
  const users = new UserService(ctx);
  const router = Router();

  router.get('/users/me', ...protect(ctx), async (req, res) => {
    res.json({ user: await users.getSelf(currentUser(req).userId) });
  });

  router.patch('/users/me', ...protect(ctx), validate(updateSelf), async (req, res) => {
    res.json({ user: await users.updateSelf(currentUser(req).userId, input(res, updateSelf).body) });
  });

  // The heartbeat answers at once; the write happens in the background (and may be skipped).
  router.post('/users/me/heartbeat', ...protect(ctx), (req, res) => {
    users.updateLastSeen(currentUser(req).userId, req.log);
    res.status(202).json({ accepted: true });
  });

  router.get('/users/:id', ...protect(ctx), validate(byId), async (_req, res) => {
    res.json({ user: await users.getPublicProfile(input(res, byId).params.id) });
  });

  return router;
}

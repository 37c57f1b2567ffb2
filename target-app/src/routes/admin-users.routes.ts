// /admin: user management and organizer edits, for ADMINs only (403 for everyone else).
import { Router } from 'express';
import { z } from 'zod';
import { OrganizerStatus, Role } from '../generated/prisma/enums.ts';
import { input, validate } from '../middlewares/validate.middleware.ts';
import { AdminUsersService } from '../services/admin/users.service.ts';
import type { ServiceContext } from '../services/context.ts';
import { e164Phone } from './phone.ts';
import { protect } from './protect.ts';
import { idParam, pagination } from './schemas.ts';

const name = z.string().trim().min(1).max(120);
const nonEmpty = (body: object): boolean => Object.keys(body).length > 0;

const list = {
  // Not z.coerce.boolean(): that reads "false" as true.
  query: pagination.extend({
    includeDeleted: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
  }),
};
const byId = { params: idParam };
const updateUser = {
  params: idParam,
  body: z
    .object({ name: name.optional(), role: z.enum(Role).optional(), phone: e164Phone.nullable().optional() })
    .strict()
    .refine(nonEmpty, 'nothing to update'),
};
const updateOrganizer = {
  params: idParam,
  body: z
    .object({ name: name.optional(), status: z.enum(OrganizerStatus).optional() })
    .strict()
    .refine(nonEmpty, 'nothing to update'),
};

export function adminUsersRoutes(ctx: ServiceContext): Router {
  const admin = new AdminUsersService(ctx);
  const router = Router();
  const adminOnly = protect(ctx, 'ADMIN');

  router.get('/admin/users', ...adminOnly, validate(list), async (_req, res) => {
    res.json(await admin.list(input(res, list).query));
  });

  router.patch('/admin/users/:id', ...adminOnly, validate(updateUser), async (_req, res) => {
    const { params, body } = input(res, updateUser);
    res.json({ user: await admin.updateUser(params.id, body) });
  });

  router.delete('/admin/users/:id', ...adminOnly, validate(byId), async (_req, res) => {
    await admin.softDeleteUser(input(res, byId).params.id);
    res.status(204).end();
  });

  router.post('/admin/users/:id/restore', ...adminOnly, validate(byId), async (_req, res) => {
    res.json({ user: await admin.restoreUser(input(res, byId).params.id) });
  });

  router.patch('/admin/organizers/:id', ...adminOnly, validate(updateOrganizer), async (_req, res) => {
    const { params, body } = input(res, updateOrganizer);
    res.json({ organizer: await admin.updateOrganizer(params.id, body) });
  });

  return router;
}

// /organizers: create (any user), public listing and profile, owner and admin updates, approval,
// soft delete.
import { Router } from 'express';
import { z } from 'zod';
import { OrganizerStatus } from '../generated/prisma/enums.ts';
import { currentUser } from '../middlewares/auth.middleware.ts';
import { input, validate } from '../middlewares/validate.middleware.ts';
import type { ServiceContext } from '../services/context.ts';
import { OrganizerService } from '../services/organizer.service.ts';
import { e164Phone } from './phone.ts';
import { protect } from './protect.ts';
import { idParam, pagination } from './schemas.ts';

const name = z.string().trim().min(1).max(120);
const description = z.string().trim().max(2_000);
const nonEmpty = (body: object): boolean => Object.keys(body).length > 0;

const create = { body: z.object({ name, description: description.optional() }).strict() };
const list = { query: pagination };
const byId = { params: idParam };
const selfUpdate = {
  params: idParam,
  body: z
    .object({
      name: name.optional(),
      description: description.nullable().optional(),
      phone: e164Phone.nullable().optional(),
    })
    .strict()
    .refine(nonEmpty, 'nothing to update'),
};
const adminUpdate = {
  params: idParam,
  body: z
    .object({
      name: name.optional(),
      description: description.nullable().optional(),
      status: z.enum(OrganizerStatus).optional(),
    })
    .strict()
    .refine(nonEmpty, 'nothing to update'),
};
const approval = {
  params: idParam,
  body: z.object({ status: z.enum(['APPROVED', 'REJECTED', 'SUSPENDED']) }).strict(),
};

export function organizersRoutes(ctx: ServiceContext): Router {
  const organizers = new OrganizerService(ctx);
  const router = Router();

  // The answer carries a new token: the caller's role may just have become ORGANIZER.
  router.post('/organizers', ...protect(ctx), validate(create), async (req, res) => {
    res.status(201).json(await organizers.create(currentUser(req), input(res, create).body));
  });

  router.get('/organizers', validate(list), async (_req, res) => {
    res.json(await organizers.list(input(res, list).query));
  });

  router.get('/organizers/:id', validate(byId), async (_req, res) => {
    res.json({ organizer: await organizers.get(input(res, byId).params.id) });
  });

  router.patch('/organizers/:id', ...protect(ctx), validate(selfUpdate), async (req, res) => {
    const { params, body } = input(res, selfUpdate);
    res.json({ organizer: await organizers.selfUpdate(currentUser(req), params.id, body) });
  });

  router.patch('/organizers/:id/admin', ...protect(ctx, 'ADMIN'), validate(adminUpdate), async (_req, res) => {
    const { params, body } = input(res, adminUpdate);
    res.json({ organizer: await organizers.adminUpdate(params.id, body) });
  });

  router.post('/organizers/:id/approval', ...protect(ctx, 'ADMIN'), validate(approval), async (_req, res) => {
    const { params, body } = input(res, approval);
    res.json({ organizer: await organizers.setApproval(params.id, body.status) });
  });

  router.delete('/organizers/:id', ...protect(ctx), validate(byId), async (req, res) => {
    await organizers.softDelete(currentUser(req), input(res, byId).params.id);
    res.status(204).end();
  });

  return router;
}

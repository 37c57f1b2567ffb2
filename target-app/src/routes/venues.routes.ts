// /venues: read by any signed-in user, written by admins.
import { Router } from 'express';
import { z } from 'zod';
import { input, validate } from '../middlewares/validate.middleware.ts';
import type { ServiceContext } from '../services/context.ts';
import { VenueService } from '../services/venues.service.ts';
import { protect } from './protect.ts';
import { idParam, pagination } from './schemas.ts';

const name = z.string().trim().min(1).max(200);
const city = z.string().trim().min(1).max(120);
const address = z.string().trim().min(1).max(500);
const capacity = z.number().int().min(1).max(1_000_000);

const list = { query: pagination };
const byId = { params: idParam };
const create = { body: z.object({ name, city, address: address.optional(), capacity: capacity.optional() }).strict() };
const update = {
  params: idParam,
  body: z
    .object({
      name: name.optional(),
      city: city.optional(),
      address: address.nullable().optional(),
      capacity: capacity.nullable().optional(),
    })
    .strict()
    .refine((body) => Object.keys(body).length > 0, 'nothing to update'),
};

export function venuesRoutes(ctx: ServiceContext): Router {
  const venues = new VenueService(ctx);
  const router = Router();

  router.get('/venues', ...protect(ctx), validate(list), async (_req, res) => {
    const { limit, offset } = input(res, list).query;
    res.json({ venues: await venues.list(limit, offset), limit, offset });
  });

  router.get('/venues/:id', ...protect(ctx), validate(byId), async (_req, res) => {
    res.json({ venue: await venues.get(input(res, byId).params.id) });
  });

  router.post('/venues', ...protect(ctx, 'ADMIN'), validate(create), async (_req, res) => {
    res.status(201).json({ venue: await venues.create(input(res, create).body) });
  });

  router.patch('/venues/:id', ...protect(ctx, 'ADMIN'), validate(update), async (_req, res) => {
    const { params, body } = input(res, update);
    res.json({ venue: await venues.update(params.id, body) });
  });

  router.delete('/venues/:id', ...protect(ctx, 'ADMIN'), validate(byId), async (_req, res) => {
    await venues.softDelete(input(res, byId).params.id);
    res.status(204).end();
  });

  return router;
}

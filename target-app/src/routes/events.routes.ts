// /events: the listing (cached; `X-Cache: hit|miss` says which), one event, presence, and the
// owner's writes. Every route needs a token; drafts are visible to their owner and admins only.
import { Router } from 'express';
import { z } from 'zod';
import { currentUser } from '../middlewares/auth.middleware.ts';
import { input, validate } from '../middlewares/validate.middleware.ts';
import type { ServiceContext } from '../services/context.ts';
import { EventService } from '../services/event.service.ts';
import { protect } from './protect.ts';
import { idParam, pagination, uuid } from './schemas.ts';

const title = z.string().trim().min(1).max(200);
const description = z.string().trim().max(5_000);
const startsAt = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const capacity = z.number().int().min(1).max(1_000_000);
const artistIds = z.array(uuid).max(50);

const list = { query: pagination };
const byId = { params: idParam };
const create = {
  body: z
    .object({
      organizerId: uuid,
      title,
      startsAt,
      description: description.optional(),
      venueId: uuid.optional(),
      artistIds: artistIds.optional(),
      capacity: capacity.optional(),
    })
    .strict(),
};
const update = {
  params: idParam,
  body: z
    .object({
      title: title.optional(),
      startsAt: startsAt.optional(),
      description: description.nullable().optional(),
      venueId: uuid.nullable().optional(),
      artistIds: artistIds.optional(),
      capacity: capacity.nullable().optional(),
    })
    .strict()
    .refine((body) => Object.keys(body).length > 0, 'nothing to update'),
};

export function eventsRoutes(ctx: ServiceContext): Router {
  const events = new EventService(ctx);
  const router = Router();

  router.get('/events', ...protect(ctx), validate(list), async (_req, res) => {
    const { limit, offset } = input(res, list).query;
    const listing = await events.list(limit, offset);
    res.setHeader('X-Cache', listing.cached ? 'hit' : 'miss');
    res.json({ events: listing.events, limit, offset });
  });

  router.post('/events', ...protect(ctx), validate(create), async (req, res) => {
    res.status(201).json({ event: await events.create(currentUser(req), input(res, create).body) });
  });

  router.get('/events/:id', ...protect(ctx), validate(byId), async (req, res) => {
    res.json({ event: await events.get(currentUser(req), input(res, byId).params.id) });
  });

  router.patch('/events/:id', ...protect(ctx), validate(update), async (req, res) => {
    const { params, body } = input(res, update);
    res.json({ event: await events.update(currentUser(req), params.id, body) });
  });

  router.delete('/events/:id', ...protect(ctx), validate(byId), async (req, res) => {
    await events.softDelete(currentUser(req), input(res, byId).params.id);
    res.status(204).end();
  });

  router.post('/events/:id/publish', ...protect(ctx), validate(byId), async (req, res) => {
    res.json({ event: await events.publish(currentUser(req), input(res, byId).params.id) });
  });

  router.post('/events/:id/unpublish', ...protect(ctx), validate(byId), async (req, res) => {
    res.json({ event: await events.unpublish(currentUser(req), input(res, byId).params.id) });
  });

  router.get('/events/:id/presence', ...protect(ctx), validate(byId), async (req, res) => {
    res.json(await events.presence(currentUser(req), input(res, byId).params.id));
  });

  return router;
}

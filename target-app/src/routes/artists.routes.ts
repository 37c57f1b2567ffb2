// /artists: read by any signed-in user, written by admins.
import { Router } from 'express';
import { z } from 'zod';
import { input, validate } from '../middlewares/validate.middleware.ts';
import { ArtistService } from '../services/artists.service.ts';
import type { ServiceContext } from '../services/context.ts';
import { protect } from './protect.ts';
import { idParam, pagination } from './schemas.ts';

const name = z.string().trim().min(1).max(200);
const genre = z.string().trim().min(1).max(100);
const bio = z.string().trim().max(5_000);

const list = { query: pagination };
const byId = { params: idParam };
const create = { body: z.object({ name, genre: genre.optional(), bio: bio.optional() }).strict() };
const update = {
  params: idParam,
  body: z
    .object({ name: name.optional(), genre: genre.nullable().optional(), bio: bio.nullable().optional() })
    .strict()
    .refine((body) => Object.keys(body).length > 0, 'nothing to update'),
};

export function artistsRoutes(ctx: ServiceContext): Router {
  const artists = new ArtistService(ctx);
  const router = Router();

  router.get('/artists', ...protect(ctx), validate(list), async (_req, res) => {
    const { limit, offset } = input(res, list).query;
    res.json({ artists: await artists.list(limit, offset), limit, offset });
  });

  router.get('/artists/:id', ...protect(ctx), validate(byId), async (_req, res) => {
    res.json({ artist: await artists.get(input(res, byId).params.id) });
  });

  router.post('/artists', ...protect(ctx, 'ADMIN'), validate(create), async (_req, res) => {
    res.status(201).json({ artist: await artists.create(input(res, create).body) });
  });

  router.patch('/artists/:id', ...protect(ctx, 'ADMIN'), validate(update), async (_req, res) => {
    const { params, body } = input(res, update);
    res.json({ artist: await artists.update(params.id, body) });
  });

  router.delete('/artists/:id', ...protect(ctx, 'ADMIN'), validate(byId), async (_req, res) => {
    await artists.softDelete(input(res, byId).params.id);
    res.status(204).end();
  });

  return router;
}

// Follows: follow and unfollow an organizer, the caller's follows, an organizer's follower count.
import { Router } from 'express';
import { currentUser } from '../middlewares/auth.middleware.ts';
import { input, validate } from '../middlewares/validate.middleware.ts';
import type { ServiceContext } from '../services/context.ts';
import { FollowService } from '../services/follow.service.ts';
import { protect } from './protect.ts';
import { idParam, pagination } from './schemas.ts';

const byOrganizer = { params: idParam };
const list = { query: pagination };

export function followsRoutes(ctx: ServiceContext): Router {
  const follows = new FollowService(ctx);
  const router = Router();

  // 201 for a new follow, 200 with the existing one when already following (idempotent).
  router.post('/organizers/:id/follow', ...protect(ctx), validate(byOrganizer), async (req, res) => {
    const { follow, created } = await follows.follow(currentUser(req).userId, input(res, byOrganizer).params.id);
    res.status(created ? 201 : 200).json({ follow });
  });

  router.delete('/organizers/:id/follow', ...protect(ctx), validate(byOrganizer), async (req, res) => {
    await follows.unfollow(currentUser(req).userId, input(res, byOrganizer).params.id);
    res.status(204).end();
  });

  router.get('/users/me/follows', ...protect(ctx), validate(list), async (req, res) => {
    res.json(await follows.listForUser(currentUser(req).userId, input(res, list).query));
  });

  router.get('/organizers/:id/followers/count', validate(byOrganizer), async (_req, res) => {
    const organizerId = input(res, byOrganizer).params.id;
    res.json({ organizerId, count: await follows.followerCount(organizerId) });
  });

  return router;
}

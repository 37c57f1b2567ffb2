// Event chat over HTTP: read, post (broadcast to the event's Socket.IO room), and moderation.
import { Router } from 'express';
import { z } from 'zod';
import { currentUser } from '../middlewares/auth.middleware.ts';
import { input, validate } from '../middlewares/validate.middleware.ts';
import { ChatService } from '../services/chat/chat.service.ts';
import { ModerationService } from '../services/chat/moderation.service.ts';
import type { ServiceContext } from '../services/context.ts';
import { protect } from './protect.ts';
import { idParam, pagination } from './schemas.ts';

export const messageBody = z.string().trim().min(1).max(2_000);

const list = { params: idParam, query: pagination };
const post = { params: idParam, body: z.object({ body: messageBody }).strict() };
const moderate = { params: idParam, body: z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict() };

export function chatRoutes(ctx: ServiceContext): Router {
  const chat = new ChatService(ctx);
  const moderation = new ModerationService(ctx);
  const router = Router();

  router.get('/events/:id/messages', ...protect(ctx), validate(list), async (req, res) => {
    const { params, query } = input(res, list);
    res.json({
      messages: await chat.list(currentUser(req), params.id, query.limit, query.offset),
      limit: query.limit,
      offset: query.offset,
    });
  });

  router.post('/events/:id/messages', ...protect(ctx), validate(post), async (req, res) => {
    const { params, body } = input(res, post);
    res.status(201).json({ message: await chat.send(currentUser(req), params.id, body.body) });
  });

  router.delete('/chat/messages/:id', ...protect(ctx), validate(moderate), async (req, res) => {
    const { params, body } = input(res, moderate);
    res.json({ message: await moderation.deleteMessage(currentUser(req), params.id, body.reason) });
  });

  return router;
}

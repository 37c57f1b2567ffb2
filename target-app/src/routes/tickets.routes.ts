// Tickets: reserve with a client-chosen key (201 created, 200 idempotent retry, 409 key taken),
// read by id or key, the caller's own tickets, status changes and verification at the door.
import { Router } from 'express';
import { z } from 'zod';
import { currentUser } from '../middlewares/auth.middleware.ts';
import { input, validate } from '../middlewares/validate.middleware.ts';
import type { ServiceContext } from '../services/context.ts';
import { TicketService } from '../services/tickets.service.ts';
import { protect } from './protect.ts';
import { idParam, pagination, uuid } from './schemas.ts';

const clientKey = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1-100 characters of A-Z a-z 0-9 . _ : -');

const reserve = { params: z.object({ eventId: uuid }), body: z.object({ clientKey }).strict() };
const byId = { params: idParam };
const byKey = { params: z.object({ clientKey }) };
const mine = { query: pagination };
const setStatus = { params: idParam, body: z.object({ status: z.enum(['CONFIRMED', 'CANCELLED']) }).strict() };

export function ticketsRoutes(ctx: ServiceContext): Router {
  const tickets = new TicketService(ctx);
  const router = Router();

  router.post('/events/:eventId/tickets', ...protect(ctx), validate(reserve), async (req, res) => {
    const { params, body } = input(res, reserve);
    const { ticket, created } = await tickets.reserve(currentUser(req), params.eventId, body.clientKey);
    res.status(created ? 201 : 200).json({ ticket });
  });

  router.get('/tickets/by-key/:clientKey', ...protect(ctx), validate(byKey), async (req, res) => {
    res.json({ ticket: await tickets.getByKey(currentUser(req), input(res, byKey).params.clientKey) });
  });

  router.get('/tickets/:id', ...protect(ctx), validate(byId), async (req, res) => {
    res.json({ ticket: await tickets.get(currentUser(req), input(res, byId).params.id) });
  });

  router.get('/users/me/tickets', ...protect(ctx), validate(mine), async (req, res) => {
    const { limit, offset } = input(res, mine).query;
    res.json({ tickets: await tickets.listMine(currentUser(req), limit, offset), limit, offset });
  });

  router.patch('/tickets/:id/status', ...protect(ctx), validate(setStatus), async (req, res) => {
    const { params, body } = input(res, setStatus);
    res.json({ ticket: await tickets.updateStatus(currentUser(req), params.id, body.status) });
  });

  router.post('/tickets/:id/verify', ...protect(ctx), validate(byId), async (req, res) => {
    res.json({ ticket: await tickets.verify(currentUser(req), input(res, byId).params.id) });
  });

  return router;
}

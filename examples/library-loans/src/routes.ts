// The service's HTTP API. Reads are open; writes need the `x-api-key` header.
//   GET  /books?limit=N          GET /books/:id          GET /members/:id
//   POST /loans {reference, bookId, memberId}   (idempotent by reference: a retry gets the same loan)
//   POST /loans/:id/return       DELETE /members/:id
import express, { type RequestHandler } from 'express';
import type { Database } from './database.ts';
import { HttpError } from './errors.ts';
import type { Settings } from './settings.ts';

function id(value: unknown): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) throw new HttpError(400, 'invalid', 'an id is a positive integer');
  return parsed;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200)
    throw new HttpError(400, 'invalid', `${name} must be a string of 1 to 200 characters`);
  return value;
}

function found<T>(row: T | null): T {
  if (row === null) throw new HttpError(404, 'not_found', 'no such record');
  return row;
}

export function routes(database: Database, settings: Settings): express.Router {
  const db = database.prisma;
  const router = express.Router();
  const writer: RequestHandler = (req, _res, next) => {
    if (req.get('x-api-key') !== settings.apiKey)
      throw new HttpError(401, 'unauthorized', 'x-api-key is missing or wrong');
    next();
  };

  router.get('/books', async (req, res) => {
    const limit = req.query.limit === undefined ? 20 : Math.min(id(req.query.limit), 100);
    res.json(await db.book.findMany({ orderBy: { id: 'asc' }, take: limit }));
  });
  router.get('/books/:id', async (req, res) => {
    res.json(found(await db.book.findUnique({ where: { id: id(req.params.id) } })));
  });
  router.get('/members/:id', async (req, res) => {
    res.json(found(await db.member.findUnique({ where: { id: id(req.params.id) } })));
  });

  router.post('/loans', writer, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const reference = text(body.reference, 'reference');
    const data = { reference, bookId: id(body.bookId), memberId: id(body.memberId) };
    const existing = await db.loan.findUnique({ where: { reference } });
    if (existing !== null) {
      res.status(200).json(existing);
      return;
    }
    res.status(201).json(await db.loan.create({ data }));
  });
  router.post('/loans/:id/return', writer, async (req, res) => {
    res.json(await db.loan.update({ where: { id: id(req.params.id) }, data: { returnedAt: new Date() } }));
  });
  router.delete('/members/:id', writer, async (req, res) => {
    await db.member.delete({ where: { id: id(req.params.id) } });
    res.status(204).end();
  });
  return router;
}

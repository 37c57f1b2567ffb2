// zod pieces shared by the routes.
import { z } from 'zod';

export const uuid = z.string().uuid('must be a UUID');
export const idParam = z.object({ id: uuid });

export const pagination = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

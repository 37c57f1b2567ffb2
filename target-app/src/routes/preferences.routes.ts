// /users/me/preferences: the caller's notification and language preferences.
import { Router } from 'express';
import { z } from 'zod';
import { currentUser } from '../middlewares/auth.middleware.ts';
import { input, validate } from '../middlewares/validate.middleware.ts';
import type { ServiceContext } from '../services/context.ts';
import { PreferencesService } from '../services/preferences.service.ts';
import { protect } from './protect.ts';

const update = {
  body: z
    .object({
      language: z
        .string()
        .min(2)
        .max(5)
        .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z]{2})?$/, 'must be a language tag such as en or pt-BR')
        .optional(),
      emailNotifications: z.boolean().optional(),
      pushNotifications: z.boolean().optional(),
      marketingOptIn: z.boolean().optional(),
    })
    .strict()
    .refine((body) => Object.keys(body).length > 0, 'nothing to update'),
};

export function preferencesRoutes(ctx: ServiceContext): Router {
  const preferences = new PreferencesService(ctx);
  const router = Router();

  router.get('/users/me/preferences', ...protect(ctx), async (req, res) => {
    res.json({ preferences: await preferences.get(currentUser(req).userId) });
  });

  router.patch('/users/me/preferences', ...protect(ctx), validate(update), async (req, res) => {
    res.json({ preferences: await preferences.update(currentUser(req).userId, input(res, update).body) });
  });

  return router;
}

// Every API router of the twelve services, mounted under /api/v1 behind the readiness gate.
import { Router } from 'express';
import type { ServiceContext } from '../services/context.ts';
import { adminUsersRoutes } from './admin-users.routes.ts';
import { artistsRoutes } from './artists.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { chatRoutes } from './chat.routes.ts';
import { eventsRoutes } from './events.routes.ts';
import { followsRoutes } from './follows.routes.ts';
import { organizersRoutes } from './organizers.routes.ts';
import { phoneVerificationRoutes } from './phone-verification.routes.ts';
import { preferencesRoutes } from './preferences.routes.ts';
import { ticketsRoutes } from './tickets.routes.ts';
import { usersRoutes } from './users.routes.ts';
import { venuesRoutes } from './venues.routes.ts';

export function apiRoutes(ctx: ServiceContext): Router {
  const router = Router();
  for (const routes of [
    authRoutes,
    usersRoutes,
    phoneVerificationRoutes,
    preferencesRoutes,
    organizersRoutes,
    followsRoutes,
    adminUsersRoutes,
    eventsRoutes,
    artistsRoutes,
    venuesRoutes,
    ticketsRoutes,
    chatRoutes,
  ]) {
    router.use(routes(ctx));
  }
  return router;
}

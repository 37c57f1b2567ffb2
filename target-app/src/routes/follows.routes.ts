// PLACEHOLDER: replaced by the real routes of this service.
import { Router } from 'express';
import type { ServiceContext } from '../services/context.ts';

export function followsRoutes(_ctx: ServiceContext): Router {
  return Router();
}

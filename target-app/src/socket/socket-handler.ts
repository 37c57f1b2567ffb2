// Every Socket.IO handler runs through `handle`: the payload is validated with zod, the readiness
// gate is respected, the token is re-checked (cheap: cached; a revoked one answers UNAUTHORIZED and
// drops the socket; an event that only gives something up, like leaving, needs no check), and whatever happens ends as exactly one acknowledgement
// ({ ok: true, ... } or { ok: false, error: { code, message } }) — never an unhandled rejection,
// never a throw from a client that sent no ack callback. Errors map through the same
// lib/error-mapping.ts as HTTP, and a database outage wakes the reconnection loop as HTTP does.
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { isDatabaseUnavailable, mapError } from '../lib/error-mapping.ts';
import type { VerifiedToken } from '../lib/auth.ts';
import { AppError, UnauthorizedError, ValidationError } from '../lib/errors.ts';
import type { ServiceContext } from '../services/context.ts';

export type AckResponse =
  ({ ok: true } & Record<string, unknown>) | { ok: false; error: { code: string; message: string } };
type Ack = (response: AckResponse) => void;

export interface HandlerOptions {
  /** Answer DATABASE_NOT_READY at once while the database is not ready (default true). */
  needsDatabase?: boolean;
}

export function handle<S extends z.ZodType>(
  ctx: ServiceContext,
  socket: Socket,
  event: string,
  schema: S,
  run: (input: z.infer<S>) => Promise<Record<string, unknown> | void>,
  options: HandlerOptions = {},
): void {
  const needsDatabase = options.needsDatabase ?? true;
  socket.on(event, (...args: unknown[]) => {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as Ack) : undefined;
    const payload = ack !== undefined && args.length === 1 ? undefined : args[0];
    const respond = async (): Promise<AckResponse> => {
      if (needsDatabase && !ctx.database.isReady)
        return {
          ok: false,
          error: { code: 'DATABASE_NOT_READY', message: `the database is ${ctx.database.state}; retry later` },
        };
      const user = (socket.data as { user?: VerifiedToken }).user;
      if (needsDatabase && (user === undefined || !(await ctx.revocation.isCurrent(user)))) {
        setImmediate(() => socket.disconnect(true));
        throw new UnauthorizedError('token revoked: sign in again');
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success)
        throw new ValidationError(
          `invalid ${event} payload: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'} ${issue.message}`).join('; ')}`,
        );
      return { ok: true, ...(await run(parsed.data)) };
    };
    void respond()
      .catch((error: unknown): AckResponse => ({ ok: false, error: describeFailure(ctx, socket, event, error) }))
      .then((response) => {
        try {
          ack?.(response);
        } catch (error) {
          ctx.logger.warn(
            { event: 'socket.ack.failed', socketEvent: event, socketId: socket.id, err: error },
            'acknowledgement callback threw',
          );
        }
      });
  });
}

function describeFailure(
  ctx: ServiceContext,
  socket: Socket,
  event: string,
  error: unknown,
): { code: string; message: string } {
  const mapped = mapError(error, {
    databaseErrorsAs500: ctx.defects.has('db-errors-as-500'),
    recordNotFoundAs500: ctx.defects.has('unhandled-p2025'),
  });
  const context = {
    event: 'socket.error',
    socketEvent: event,
    socketId: socket.id,
    code: mapped.code,
    sourceCode: mapped.sourceCode,
  };
  if (!(error instanceof AppError) && isDatabaseUnavailable(error)) ctx.database.reportFailure(error);
  if (mapped.kind === 'database-unavailable') ctx.logger.warn({ ...context, err: error }, 'database unavailable');
  else if (mapped.kind === 'incident')
    ctx.logger.error({ ...context, incident: true, err: error }, 'unexpected error in a socket handler');
  return { code: mapped.code, message: mapped.message };
}

// Event chat over Socket.IO. The handshake carries `auth: { token }` (a bad, missing or revoked one
// refuses the connection with Error('UNAUTHORIZED'); Error('SERVICE_UNAVAILABLE') when the database
// cannot say whether it is revoked). Every event re-checks the token (socket-handler.ts), and a
// change to a user (deleted, demoted, re-credentialed) re-checks that user's sockets on this instance
// at once, disconnecting the revoked ones. 'chat:join' / 'chat:leave' / 'chat:send' answer
// through acknowledgements (see socket-handler.ts); joining counts the socket in the event's
// presence set in Redis (presence.ts), which leaving or disconnecting undoes.
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { VerifiedToken } from '../lib/auth.ts';
import { ForbiddenError } from '../lib/errors.ts';
import { messageBody } from '../routes/chat.routes.ts';
import { uuid } from '../routes/schemas.ts';
import { ChatService } from '../services/chat/chat.service.ts';
import type { ServiceContext } from '../services/context.ts';
import { ChatBroadcaster } from './chat-broadcaster.ts';
import type { Presence } from './presence.ts';
import { handle } from './socket-handler.ts';

const room = z.object({ eventId: uuid }).strict();
const send = z.object({ eventId: uuid, body: messageBody }).strict();

export function attachChatSocket(io: Server, ctx: ServiceContext, presence: Presence): void {
  const chat = new ChatService(ctx);

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const admit = async (): Promise<Error | undefined> => {
      const claims = typeof token === 'string' ? await ctx.tokens.verify(token) : null;
      if (claims === null) return new Error('UNAUTHORIZED');
      try {
        if (!(await ctx.revocation.isCurrent(claims))) return new Error('UNAUTHORIZED');
      } catch (error) {
        ctx.logger.warn({ event: 'socket.auth.unavailable', err: error }, 'cannot check the token; refusing');
        return new Error('SERVICE_UNAVAILABLE');
      }
      (socket.data as { user?: VerifiedToken }).user = claims;
      return undefined;
    };
    void admit().then(next, () => next(new Error('UNAUTHORIZED')));
  });

  ctx.revocation.onChange((userId) => void dropRevokedSockets(io, ctx, userId));

  io.on('connection', (socket: Socket) => {
    const user = (socket.data as { user: VerifiedToken }).user;
    void socket.join(userRoom(user.userId));
    const joined = new Set<string>();
    handle(ctx, socket, 'chat:join', room, async ({ eventId }) => {
      await chat.assertOpen(eventId);
      if (joined.has(eventId)) return;
      joined.add(eventId);
      await socket.join(ChatBroadcaster.room(eventId));
      presence.join(eventId, socket.id);
    });

    handle(
      ctx,
      socket,
      'chat:leave',
      room,
      async ({ eventId }) => {
        if (!joined.delete(eventId)) return;
        await socket.leave(ChatBroadcaster.room(eventId));
        presence.leave(eventId, socket.id);
      },
      { needsDatabase: false },
    );

    handle(ctx, socket, 'chat:send', send, async ({ eventId, body }) => {
      if (!joined.has(eventId)) throw new ForbiddenError('join the event chat (chat:join) before sending');
      return { message: await chat.send(user, eventId, body) };
    });

    socket.on('disconnect', () => {
      for (const eventId of joined) presence.leave(eventId, socket.id);
      joined.clear();
    });
  });
}

const userRoom = (userId: string): string => `user:${userId}`;

/** This instance's sockets of a changed user: each still-current one stays, the rest are dropped. */
async function dropRevokedSockets(io: Server, ctx: ServiceContext, userId: string): Promise<void> {
  for (const socket of await io.local.in(userRoom(userId)).fetchSockets()) {
    const claims = (socket.data as { user: VerifiedToken }).user;
    const current = await ctx.revocation.isCurrent(claims).catch(() => false);
    if (current) continue;
    ctx.logger.info({ event: 'socket.revoked', userId, socketId: socket.id }, 'token revoked; socket dropped');
    socket.emit('auth:revoked', { reason: 'token revoked: sign in again' });
    socket.disconnect(true);
  }
}

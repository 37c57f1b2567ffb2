// Event chat over Socket.IO. The handshake carries `auth: { token }` (a bad or missing one refuses
// the connection with Error('UNAUTHORIZED')). 'chat:join' / 'chat:leave' / 'chat:send' answer
// through acknowledgements (see socket-handler.ts); joining counts the socket in the event's
// presence counter in Redis, which leaving or disconnecting undoes.
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { TokenClaims } from '../lib/auth.ts';
import { ForbiddenError } from '../lib/errors.ts';
import { messageBody } from '../routes/chat.routes.ts';
import { uuid } from '../routes/schemas.ts';
import { ChatService } from '../services/chat/chat.service.ts';
import type { ServiceContext } from '../services/context.ts';
import { presenceKey } from '../services/event.service.ts';
import { ChatBroadcaster } from './chat-broadcaster.ts';
import { handle } from './socket-handler.ts';

const room = z.object({ eventId: uuid }).strict();
const send = z.object({ eventId: uuid, body: messageBody }).strict();

export function attachChatSocket(io: Server, ctx: ServiceContext): void {
  const chat = new ChatService(ctx);

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const verified = typeof token === 'string' ? ctx.tokens.verify(token) : Promise.resolve(null);
    void verified
      .catch(() => null)
      .then((claims) => {
        if (claims === null) {
          next(new Error('UNAUTHORIZED'));
          return;
        }
        (socket.data as { user?: TokenClaims }).user = claims;
        next();
      });
  });

  io.on('connection', (socket: Socket) => {
    const user = (socket.data as { user: TokenClaims }).user;
    const joined = new Set<string>();
    const countPresence = (eventId: string, delta: number): void => {
      ctx.cache.increment(presenceKey(eventId), delta).catch((error: unknown) => {
        ctx.logger.warn(
          { event: 'presence.update.failed', eventId, delta, err: error },
          'presence counter not updated',
        );
      });
    };

    handle(ctx, socket, 'chat:join', room, async ({ eventId }) => {
      await chat.assertOpen(eventId);
      if (joined.has(eventId)) return;
      joined.add(eventId);
      await socket.join(ChatBroadcaster.room(eventId));
      countPresence(eventId, 1);
    });

    handle(
      ctx,
      socket,
      'chat:leave',
      room,
      async ({ eventId }) => {
        if (!joined.delete(eventId)) return;
        await socket.leave(ChatBroadcaster.room(eventId));
        countPresence(eventId, -1);
      },
      { needsDatabase: false },
    );

    handle(ctx, socket, 'chat:send', send, async ({ eventId, body }) => {
      if (!joined.has(eventId)) throw new ForbiddenError('join the event chat (chat:join) before sending');
      return { message: await chat.send(user, eventId, body) };
    });

    socket.on('disconnect', () => {
      for (const eventId of joined) countPresence(eventId, -1);
      joined.clear();
    });
  });
}

// Event chat over Socket.IO. The handshake carries `auth: { token }` (a bad or missing one refuses
// the connection with Error('UNAUTHORIZED')). 'chat:join' / 'chat:leave' / 'chat:send' answer
// through acknowledgements (see socket-handler.ts); joining counts the socket in the event's
// presence set in Redis (presence.ts), which leaving or disconnecting undoes.
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { TokenClaims } from '../lib/auth.ts';
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

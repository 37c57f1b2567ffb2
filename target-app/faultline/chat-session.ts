// The Socket.IO template of the load: one chat session of a live seeded user — connect with the
// user's token in the handshake, join a published event's room, send one message, each with an
// acknowledgement, then disconnect. The builtin engine runs it (socket-session.ts); k6 cannot speak
// Socket.IO, and refuses a mix that holds it (http-only.ts).
import { pick } from '../../harness/lib/random.ts';
import type { BuildContext, RequestTemplate } from './templates.ts';

export const CHAT_SESSION: RequestTemplate = {
  name: 'chat.session',
  kind: 'socket',
  method: 'SOCKET',
  routeTemplate: 'socket.io chat:join+chat:send',
  unavailable: (seed, tokens) =>
    seed.publishedEventIds.length === 0
      ? 'the seed manifest has no published events'
      : tokens.byRole.USER.length + tokens.byRole.ORGANIZER.length + tokens.byRole.ADMIN.length === 0
        ? 'the seed manifest has no live user to sign a token for'
        : null,
  build: (ctx: BuildContext) => {
    const user = pick(ctx.rng, [...ctx.tokens.byRole.USER, ...ctx.tokens.byRole.ORGANIZER, ...ctx.tokens.byRole.ADMIN]);
    const eventId = pick(ctx.rng, ctx.seed.publishedEventIds);
    return {
      template: 'chat.session',
      kind: 'socket',
      method: 'SOCKET',
      routeTemplate: 'socket.io chat:join+chat:send',
      path: '/socket.io/',
      headers: {},
      session: {
        token: user.token,
        emits: [
          { event: 'chat:join', payload: { eventId } },
          { event: 'chat:send', payload: { eventId, body: `load message ${Math.floor(ctx.rng() * 1_000_000)}` } },
        ],
      },
    };
  },
};

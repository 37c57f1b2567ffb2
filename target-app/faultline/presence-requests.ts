// The requests of the presence scenario: chat sockets that join one event and stay (a user with the
// event's page open), and reads of that event's presence count, whose answer is recorded as the
// figure `online` for the presence-expires check. Both aim at the same event — the first published
// one of the seed — so the count they read is the sockets they hold. Named only by that scenario:
// a socket that never leaves would skew any other scenario's chat.
import { pick } from '../../harness/lib/random.ts';
import type { RequestDefinition } from '../../harness/target/types.ts';
import type { ReferenceState } from './requests.ts';

/** The event whose presence the scenario holds and reads. */
export const presenceEventId = (state: ReferenceState): string | undefined => state.seed.publishedEventIds[0];

const liveTokens = (state: ReferenceState): { token: string }[] => [
  ...state.tokens.byRole.USER,
  ...state.tokens.byRole.ORGANIZER,
  ...state.tokens.byRole.ADMIN,
];

const unavailable = ({ state }: { state: ReferenceState }): string | null =>
  presenceEventId(state) === undefined
    ? 'the seed manifest has no published event'
    : liveTokens(state).length === 0
      ? 'the seed manifest has no live user to sign a token for'
      : null;

export const PRESENCE_HOLD = 'presence.hold';
export const PRESENCE_READ = 'presence.read';

export const PRESENCE_REQUESTS: Record<string, RequestDefinition<ReferenceState>> = {
  [PRESENCE_HOLD]: {
    kind: 'socket',
    tags: ['chat'],
    byNameOnly: true,
    unavailable,
    build: ({ state, rng }) => ({
      method: 'SOCKET',
      path: '/socket.io/',
      route: 'socket.io chat:join (held)',
      session: {
        token: pick(rng, liveTokens(state)).token,
        emits: [{ event: 'chat:join', payload: { eventId: presenceEventId(state) } }],
        hold: true,
      },
    }),
  },
  [PRESENCE_READ]: {
    kind: 'read',
    byNameOnly: true,
    unavailable,
    build: ({ state, rng }) => ({
      method: 'GET',
      path: `/api/v1/events/${presenceEventId(state)}/presence`,
      route: '/api/v1/events/:id/presence',
      headers: { authorization: `Bearer ${pick(rng, liveTokens(state)).token}` },
    }),
    // { eventId, online: number | null, degraded }: null (Redis unavailable) is no count at all.
    read: ({ body }) => {
      const online = (body as { online?: unknown } | null)?.online;
      return typeof online === 'number' ? { online } : undefined;
    },
  },
};

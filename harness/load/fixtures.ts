// A small made-up target for the load layer's tests (not used at run time): a few pools of ids and
// one request of every kind, so the engines are tested on the contract, not on any one app.
import { createRng } from '../lib/random.ts';
import type { TargetFixtures } from '../target/fixtures.ts';
import type { RequestDefinition } from '../target/types.ts';
import type { LoadContext, LoadProfile, MixEntry } from './types.ts';

const rng = createRng(7);
const ids = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, () => `${prefix}-${Math.floor(rng() * 1e9).toString(36)}`);

export const TEST_FIXTURES: TargetFixtures = {
  pools: { events: ids('event', 4), deletedEvents: ids('gone', 2) },
  state: { token: 'a-test-token' },
};

type State = { token: string };
const auth = (state: State): Record<string, string> => ({ authorization: `Bearer ${state.token}` });

export const TEST_REQUESTS: Record<string, RequestDefinition<State>> = {
  'events.list': {
    kind: 'read',
    build: ({ state }) => ({ method: 'GET', path: '/events?limit=20', route: '/events', headers: auth(state) }),
  },
  'events.get': {
    kind: 'read',
    build: ({ state, pick }) => ({
      method: 'GET',
      path: `/events/${pick('events')}`,
      route: '/events/:id',
      headers: auth(state),
    }),
  },
  'tickets.create': {
    kind: 'write',
    build: ({ state, pick, nextKey }) => {
      const key = nextKey();
      return {
        method: 'POST',
        path: `/events/${pick('events')}/tickets`,
        route: '/events/:id/tickets',
        headers: auth(state),
        body: { clientKey: key },
        key,
      };
    },
  },
  'events.update-missing': {
    kind: 'missing',
    build: ({ pick }) => ({
      method: 'PATCH',
      path: `/events/${pick('deletedEvents')}`,
      route: '/events/:id',
      body: { name: 'x' },
    }),
  },
  'chat.session': {
    kind: 'socket',
    build: ({ state, pick, rng: roll }) => {
      const eventId = pick('events');
      return {
        method: 'SOCKET',
        path: '/socket.io/',
        route: 'socket.io chat:join+chat:send',
        session: {
          token: state.token,
          emits: [
            { event: 'chat:join', payload: { eventId } },
            { event: 'chat:send', payload: { eventId, body: `load message ${Math.floor(roll() * 1_000_000)}` } },
          ],
        },
      };
    },
  },
};

export function testContext(overrides: Partial<LoadContext> = {}): LoadContext {
  return {
    appUrl: 'http://127.0.0.1:1',
    requests: TEST_REQUESTS,
    defaultMix: { 'events.list': 2, 'events.get': 2, 'tickets.create': 1 },
    fixtures: TEST_FIXTURES,
    runId: 'run 2026/11/28',
    rngSeed: 99,
    ...overrides,
  };
}

export function mixOf(weights: Record<string, number>): MixEntry[] {
  return Object.entries(weights).map(([template, weight]) => ({ template, weight }));
}

export function constantProfile(
  ratePerSec: number,
  durationMs: number,
  overrides: Partial<LoadProfile> = {},
): LoadProfile {
  return {
    startAtMs: 0,
    arrival: { type: 'constant', ratePerSec, durationMs },
    durationMs,
    maxInFlight: 500,
    timeoutMs: 5_000,
    mix: mixOf({ 'events.list': 1 }),
    ...overrides,
  };
}

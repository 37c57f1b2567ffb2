// Request templates over the seed manifest: the reads, the ticket writes with client-chosen keys,
// the P2025 probes (updates and deletes of deleted or never-existing rows, which must answer 404,
// and the fire-and-forget heartbeat of a deleted user), and the races (deletes, restores and
// updates of the same live rows at once, where 2xx and 404 are both right).
// Templates are pure given their BuildContext (seeded RNG, pre-minted tokens, a key sequence).
import type { SeedManifest } from './manifest.ts';
import { pick } from '../../harness/lib/random.ts';
import type { SampleKind } from '../../harness/timeline/types.ts';
import { CHAT_SESSION } from './chat-session.ts';
import { loginWrongPassword } from './login-template.ts';
import type { Role, TokenBook } from './tokens.ts';
import type { RequestSpec } from '../../harness/load/types.ts';

const API = '/api/v1';

export interface BuildContext {
  seed: SeedManifest;
  tokens: TokenBook;
  rng: () => number;
  /** A unique client key for a write: `<runId>-<seq>`. */
  nextClientKey(): string;
}

export interface RequestTemplate {
  name: string;
  kind: SampleKind;
  method: RequestSpec['method'];
  routeTemplate: string;
  /** Why this template cannot be built from the manifest, or null when it can. */
  unavailable(seed: SeedManifest, tokens: TokenBook): string | null;
  build(ctx: BuildContext): RequestSpec;
}

/** A v4-shaped UUID from the seeded RNG: an id no row has. */
export function randomUuid(rng: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(rng() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A deleted row's id when the manifest has some (half the time), else an id that never existed. */
function missingId(ctx: BuildContext, deleted: readonly string[]): string {
  return deleted.length > 0 && ctx.rng() < 0.5 ? pick(ctx.rng, deleted) : randomUuid(ctx.rng);
}

function auth(ctx: BuildContext, role?: Role): Record<string, string> {
  const pool =
    role === undefined
      ? [...ctx.tokens.byRole.USER, ...ctx.tokens.byRole.ORGANIZER, ...ctx.tokens.byRole.ADMIN]
      : ctx.tokens.byRole[role];
  return { authorization: `Bearer ${pick(ctx.rng, pool).token}` };
}

const JSON_HEADERS = { 'content-type': 'application/json' };

function needIds(
  label: string,
  ids: (seed: SeedManifest) => readonly unknown[],
): (seed: SeedManifest) => string | null {
  return (seed) => (ids(seed).length === 0 ? `the seed manifest has no ${label}` : null);
}
const needAnyUser = (_seed: SeedManifest, tokens: TokenBook): string | null =>
  tokens.byRole.USER.length + tokens.byRole.ORGANIZER.length + tokens.byRole.ADMIN.length === 0
    ? 'the seed manifest has no live user to sign a token for'
    : null;
const needAdmin = (_seed: SeedManifest, tokens: TokenBook): string | null =>
  tokens.byRole.ADMIN.length === 0 ? 'the seed manifest has no live ADMIN user' : null;
const both =
  (...rules: ((seed: SeedManifest, tokens: TokenBook) => string | null)[]) =>
  (seed: SeedManifest, tokens: TokenBook): string | null =>
    rules.map((rule) => rule(seed, tokens)).find((reason) => reason !== null) ?? null;

function read(
  name: string,
  routeTemplate: string,
  ids: ((seed: SeedManifest) => readonly string[]) | null,
  label = '',
): RequestTemplate {
  return {
    name,
    kind: 'read',
    method: 'GET',
    routeTemplate,
    unavailable: ids === null ? needAnyUser : both(needIds(label, ids), needAnyUser),
    build: (ctx) => {
      const path = ids === null ? routeTemplate : routeTemplate.replace(':id', pick(ctx.rng, ids(ctx.seed)));
      return {
        template: name,
        kind: 'read',
        method: 'GET',
        routeTemplate,
        path: `${path}${name === 'events.list' ? '?limit=20' : ''}`,
        headers: auth(ctx),
      };
    },
  };
}

/** A P2025 probe: an ADMIN (or the given token source) acting on a row that is not there. */
function probe(
  name: string,
  method: RequestSpec['method'],
  routeTemplate: string,
  deleted: (seed: SeedManifest) => readonly string[],
  body?: (ctx: BuildContext) => unknown,
): RequestTemplate {
  return {
    name,
    kind: 'p2025-probe',
    method,
    routeTemplate,
    unavailable: needAdmin,
    build: (ctx) => {
      const spec: RequestSpec = {
        template: name,
        kind: 'p2025-probe',
        method,
        routeTemplate,
        path: routeTemplate.replace(/:\w+/, missingId(ctx, deleted(ctx.seed))),
        headers: { ...auth(ctx, 'ADMIN'), ...(body === undefined ? {} : JSON_HEADERS) },
      };
      if (body !== undefined) spec.body = JSON.stringify(body(ctx));
      return spec;
    },
  };
}

/**
 * A P2025 probe sent with the token of a deleted (or never-existing) user: the caller's own row is
 * the missing record ("deleted accounts with live tokens"). For an app that revokes such tokens —
 * the reference app does — the right answer is 401, which missing-records-are-404 does not accept:
 * keep these out of its mixes.
 */
function probeAsDeleted(
  name: string,
  method: RequestSpec['method'],
  routeTemplate: string,
  body?: (ctx: BuildContext) => unknown,
  kind: SampleKind = 'p2025-probe',
  /** Fills the route's one path parameter with a live row (the deleted caller is the missing record). */
  live?: { label: string; ids: (seed: SeedManifest) => readonly string[] },
): RequestTemplate {
  const needDeletedToken = (_seed: SeedManifest, tokens: TokenBook): string | null =>
    tokens.deleted.length === 0 ? 'no token for a deleted user (mintTokens adds one for a never-existing user)' : null;
  return {
    name,
    kind,
    method,
    routeTemplate,
    unavailable: live === undefined ? needDeletedToken : both(needIds(live.label, live.ids), needDeletedToken),
    build: (ctx) => {
      const spec: RequestSpec = {
        template: name,
        kind,
        method,
        routeTemplate,
        path: live === undefined ? routeTemplate : routeTemplate.replace(/:\w+/, pick(ctx.rng, live.ids(ctx.seed))),
        headers: {
          authorization: `Bearer ${pick(ctx.rng, ctx.tokens.deleted).token}`,
          ...(body === undefined ? {} : JSON_HEADERS),
        },
      };
      if (body !== undefined) spec.body = JSON.stringify(body(ctx));
      return spec;
    },
  };
}

/** How many live USER rows the user race works on: few, so that deletes, restores and updates collide. */
export const RACE_HOT_USERS = 4;
const raceUsers = (seed: SeedManifest): string[] =>
  seed.users
    .filter((user) => user.role === 'USER')
    .slice(0, RACE_HOT_USERS)
    .map((user) => user.id);
const raceEvents = (seed: SeedManifest): string[] => [...seed.publishedEventIds, ...seed.draftEventIds];

/**
 * A write by an ADMIN on a live row that other requests of the same load delete, restore or update
 * at the same time: 2xx or 404 are both right, depending on who won. Kind 'write' without a client
 * key: no-lost-writes does not judge it, status checks do.
 */
function race(
  name: string,
  method: RequestSpec['method'],
  routeTemplate: string,
  ids: (seed: SeedManifest) => readonly string[],
  label: string,
  body?: (ctx: BuildContext) => unknown,
): RequestTemplate {
  return {
    name,
    kind: 'write',
    method,
    routeTemplate,
    unavailable: both(needIds(label, ids), needAdmin),
    build: (ctx) => {
      const spec: RequestSpec = {
        template: name,
        kind: 'write',
        method,
        routeTemplate,
        path: routeTemplate.replace(':id', pick(ctx.rng, ids(ctx.seed))),
        headers: { ...auth(ctx, 'ADMIN'), ...(body === undefined ? {} : JSON_HEADERS) },
      };
      if (body !== undefined) spec.body = JSON.stringify(body(ctx));
      return spec;
    },
  };
}

const TEMPLATE_LIST: RequestTemplate[] = [
  read('events.list', `${API}/events`, null),
  read('events.get', `${API}/events/:id`, (seed) => seed.publishedEventIds, 'published events'),
  read('events.messages', `${API}/events/:id/messages`, (seed) => seed.publishedEventIds, 'published events'),
  read('artists.get', `${API}/artists/:id`, (seed) => seed.artistIds, 'artists'),
  read('venues.get', `${API}/venues/:id`, (seed) => seed.venueIds, 'venues'),
  read(
    'organizers.get',
    `${API}/organizers/:id`,
    (seed) => seed.organizers.map((organizer) => organizer.id),
    'organizers',
  ),
  read('users.me', `${API}/users/me`, null),
  {
    name: 'tickets.create',
    kind: 'write',
    method: 'POST',
    routeTemplate: `${API}/events/:eventId/tickets`,
    unavailable: both(
      needIds('published events', (seed) => seed.publishedEventIds),
      (_seed, tokens) => (tokens.byRole.USER.length === 0 ? 'the seed manifest has no live USER' : null),
    ),
    build: (ctx) => {
      const clientKey = ctx.nextClientKey();
      return {
        template: 'tickets.create',
        kind: 'write',
        method: 'POST',
        routeTemplate: `${API}/events/:eventId/tickets`,
        path: `${API}/events/${pick(ctx.rng, ctx.seed.publishedEventIds)}/tickets`,
        headers: { ...auth(ctx, 'USER'), ...JSON_HEADERS },
        body: JSON.stringify({ clientKey }),
        clientKey,
      };
    },
  },
  probe(
    'artists.update-missing',
    'PATCH',
    `${API}/artists/:id`,
    (seed) => seed.deletedArtistIds,
    () => ({ name: 'Probe Artist' }),
  ),
  probe('artists.delete-missing', 'DELETE', `${API}/artists/:id`, (seed) => seed.deletedArtistIds),
  probe(
    'venues.update-missing',
    'PATCH',
    `${API}/venues/:id`,
    (seed) => seed.deletedVenueIds,
    () => ({ name: 'Probe Venue' }),
  ),
  probe(
    'events.update-missing',
    'PATCH',
    `${API}/events/:id`,
    (seed) => seed.deletedEventIds,
    () => ({ title: 'Probe Event' }),
  ),
  probe('events.publish-missing', 'POST', `${API}/events/:id/publish`, (seed) => seed.deletedEventIds),
  probe(
    'organizers.admin-update-missing',
    'PATCH',
    `${API}/organizers/:id/admin`,
    (seed) => seed.deletedOrganizerIds,
    () => ({ name: 'Probe Organizer' }),
  ),
  probe(
    'admin-users.update-missing',
    'PATCH',
    `${API}/admin/users/:id`,
    (seed) => seed.deletedUserIds,
    () => ({ name: 'Probe User' }),
  ),
  probe(
    'chat.delete-missing',
    'DELETE',
    `${API}/chat/messages/:id`,
    (seed) => seed.deletedMessageIds,
    () => ({}),
  ),
  probe(
    'tickets.status-missing',
    'PATCH',
    `${API}/tickets/:id/status`,
    () => [],
    () => ({ status: 'CONFIRMED' }),
  ),
  // The rest of the P2025 operations of the twelve services, on missing and soft-deleted rows.
  probe('events.unpublish-missing', 'POST', `${API}/events/:id/unpublish`, (seed) => seed.deletedEventIds),
  probe('events.delete-missing', 'DELETE', `${API}/events/:id`, (seed) => seed.deletedEventIds),
  probe('venues.delete-missing', 'DELETE', `${API}/venues/:id`, (seed) => seed.deletedVenueIds),
  probe(
    'organizers.update-missing',
    'PATCH',
    `${API}/organizers/:id`,
    (seed) => seed.deletedOrganizerIds,
    () => ({ name: 'Probe Organizer' }),
  ),
  probe(
    'organizers.approval-missing',
    'POST',
    `${API}/organizers/:id/approval`,
    (seed) => seed.deletedOrganizerIds,
    () => ({ status: 'APPROVED' }),
  ),
  probe('organizers.delete-missing', 'DELETE', `${API}/organizers/:id`, (seed) => seed.deletedOrganizerIds),
  probe('admin-users.delete-missing', 'DELETE', `${API}/admin/users/:id`, (seed) => seed.deletedUserIds),
  // Only a deleted user can be restored: a never-existing one is the missing record here.
  probe('admin-users.restore-missing', 'POST', `${API}/admin/users/:id/restore`, () => []),
  probe(
    'admin-organizers.update-missing',
    'PATCH',
    `${API}/admin/organizers/:id`,
    (seed) => seed.deletedOrganizerIds,
    () => ({ status: 'APPROVED' }),
  ),
  // Seeded follows only point at live organizers, so a deleted or never-existing one was never followed.
  probe(
    'follows.unfollow-never-followed',
    'DELETE',
    `${API}/organizers/:id/follow`,
    (seed) => seed.deletedOrganizerIds,
  ),
  probe('follows.follow-missing', 'POST', `${API}/organizers/:id/follow`, (seed) => seed.deletedOrganizerIds),
  probe('tickets.verify-missing', 'POST', `${API}/tickets/:id/verify`, () => []),
  probe(
    'phone-verification.organizer-verify-missing',
    'POST',
    `${API}/phone-verification/organizers/:id/verify`,
    (seed) => seed.deletedOrganizerIds,
    () => ({ code: '123456' }),
  ),
  probeAsDeleted('preferences.update-deleted', 'PATCH', `${API}/users/me/preferences`, () => ({ language: 'pt' })),
  probeAsDeleted('auth.me-update-deleted', 'PATCH', `${API}/auth/me`, () => ({
    currentPassword: 'probe-password',
    password: 'probe-password-2',
  })),
  probeAsDeleted('phone-verification.user-verify-deleted', 'POST', `${API}/phone-verification/users/me/verify`, () => ({
    code: '123456',
  })),
  // Fire-and-forget: the app answers 202 at once and skips the write in the background; a P2025
  // that escapes there is an unhandled rejection (a crash), which no-crash sees.
  probeAsDeleted('users.heartbeat-deleted', 'POST', `${API}/users/me/heartbeat`, undefined, 'write'),
  // Deletes racing updates of the same rows (concurrent-delete-race).
  race('race.users.update', 'PATCH', `${API}/admin/users/:id`, raceUsers, 'live USER users', (ctx) => ({
    name: `Racer ${Math.floor(ctx.rng() * 1_000)}`,
  })),
  race('race.users.delete', 'DELETE', `${API}/admin/users/:id`, raceUsers, 'live USER users'),
  race('race.users.restore', 'POST', `${API}/admin/users/:id/restore`, raceUsers, 'live USER users'),
  race('race.events.update', 'PATCH', `${API}/events/:id`, raceEvents, 'live events', (ctx) => ({
    title: `Raced ${Math.floor(ctx.rng() * 1_000)}`,
  })),
  race('race.events.publish', 'POST', `${API}/events/:id/publish`, raceEvents, 'live events'),
  race('race.events.unpublish', 'POST', `${API}/events/:id/unpublish`, raceEvents, 'live events'),
  race('race.events.delete', 'DELETE', `${API}/events/:id`, raceEvents, 'live events'),
  probeAsDeleted('users.me-update-deleted', 'PATCH', `${API}/users/me`, () => ({ name: 'Probe Deleted User' })),
  // Creates under a missing parent: the parent named in the request is deleted or never existed,
  // or the parent is the caller's own deleted user row. 404 for the parent, never a 500 or a 409.
  // The caller's case is sent as a deleted user (probeAsDeleted): an app that revokes such tokens
  // answers 401, so p2025-sweep leaves those out.
  probe(
    'events.create-missing-organizer',
    'POST',
    `${API}/events`,
    () => [],
    (ctx) => ({
      organizerId: missingId(ctx, ctx.seed.deletedOrganizerIds),
      title: 'Probe Event',
      startsAt: '2030-01-01T20:00:00.000Z',
    }),
  ),
  probe(
    'tickets.create-missing-event',
    'POST',
    `${API}/events/:eventId/tickets`,
    (seed) => seed.deletedEventIds,
    (ctx) => ({
      clientKey: ctx.nextClientKey(),
    }),
  ),
  probe(
    'chat.send-missing-event',
    'POST',
    `${API}/events/:id/messages`,
    (seed) => seed.deletedEventIds,
    () => ({
      body: 'probe message',
    }),
  ),
  probeAsDeleted(
    'tickets.create-deleted-user',
    'POST',
    `${API}/events/:eventId/tickets`,
    (ctx) => ({ clientKey: ctx.nextClientKey() }),
    'p2025-probe',
    { label: 'published events', ids: (seed) => seed.publishedEventIds },
  ),
  probeAsDeleted(
    'chat.send-deleted-user',
    'POST',
    `${API}/events/:id/messages`,
    () => ({ body: 'probe message' }),
    'p2025-probe',
    { label: 'published events', ids: (seed) => seed.publishedEventIds },
  ),
  probeAsDeleted('organizers.create-deleted-user', 'POST', `${API}/organizers`, () => ({ name: 'Probe Organizer' })),
  CHAT_SESSION,
  loginWrongPassword,
];

export const TEMPLATES: ReadonlyMap<string, RequestTemplate> = new Map(
  TEMPLATE_LIST.map((template) => [template.name, template]),
);
export const TEMPLATE_NAMES: readonly string[] = TEMPLATE_LIST.map((template) => template.name);

/** The mix a scenario gets when it names none: mostly reads, some writes, a steady trickle of probes. */
export const DEFAULT_MIX: Record<string, number> = {
  'events.list': 4,
  'events.get': 4,
  'artists.get': 2,
  'venues.get': 2,
  'organizers.get': 1,
  'users.me': 2,
  'events.messages': 1,
  'tickets.create': 4,
  'artists.update-missing': 1,
  'events.update-missing': 1,
  'tickets.status-missing': 1,
  'admin-users.update-missing': 1,
};

/**
 * The default mix with three times its writes: for database faults, where a write must be in flight
 * at each edge of the fault for no-lost-writes to prove anything there.
 */
export const WRITE_HEAVY_MIX: Record<string, number> = {
  ...DEFAULT_MIX,
  'tickets.create': 3 * (DEFAULT_MIX['tickets.create'] ?? 1),
};

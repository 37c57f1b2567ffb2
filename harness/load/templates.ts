// Request templates over the seed manifest: the reads, the ticket writes with client-chosen keys,
// and the P2025 probes (updates and deletes of deleted or never-existing rows, which must answer 404).
// Templates are pure given their BuildContext (seeded RNG, pre-minted tokens, a key sequence).
import type { SeedManifest } from '../environment/types.ts';
import type { SampleKind } from '../timeline/types.ts';
import type { Role, TokenBook } from './tokens.ts';
import type { RequestSpec } from './types.ts';

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

export function pick<T>(rng: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(rng() * items.length)] as T;
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
  const pool = role === undefined ? [...ctx.tokens.byRole.USER, ...ctx.tokens.byRole.ORGANIZER, ...ctx.tokens.byRole.ADMIN] : ctx.tokens.byRole[role];
  return { authorization: `Bearer ${pick(ctx.rng, pool).token}` };
}

const JSON_HEADERS = { 'content-type': 'application/json' };

function needIds(label: string, ids: (seed: SeedManifest) => readonly unknown[]): (seed: SeedManifest) => string | null {
  return (seed) => (ids(seed).length === 0 ? `the seed manifest has no ${label}` : null);
}
const needAnyUser = (_seed: SeedManifest, tokens: TokenBook): string | null =>
  tokens.byRole.USER.length + tokens.byRole.ORGANIZER.length + tokens.byRole.ADMIN.length === 0 ? 'the seed manifest has no live user to sign a token for' : null;
const needAdmin = (_seed: SeedManifest, tokens: TokenBook): string | null => (tokens.byRole.ADMIN.length === 0 ? 'the seed manifest has no live ADMIN user' : null);
const both =
  (...rules: ((seed: SeedManifest, tokens: TokenBook) => string | null)[]) =>
  (seed: SeedManifest, tokens: TokenBook): string | null =>
    rules.map((rule) => rule(seed, tokens)).find((reason) => reason !== null) ?? null;

function read(name: string, routeTemplate: string, ids: ((seed: SeedManifest) => readonly string[]) | null, label = ''): RequestTemplate {
  return {
    name,
    kind: 'read',
    method: 'GET',
    routeTemplate,
    unavailable: ids === null ? needAnyUser : both(needIds(label, ids), needAnyUser),
    build: (ctx) => {
      const path = ids === null ? routeTemplate : routeTemplate.replace(':id', pick(ctx.rng, ids(ctx.seed)));
      return { template: name, kind: 'read', method: 'GET', routeTemplate, path: `${path}${name === 'events.list' ? '?limit=20' : ''}`, headers: auth(ctx) };
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
        path: routeTemplate.replace(':id', missingId(ctx, deleted(ctx.seed))),
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
  read('organizers.get', `${API}/organizers/:id`, (seed) => seed.organizers.map((organizer) => organizer.id), 'organizers'),
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
  probe('artists.update-missing', 'PATCH', `${API}/artists/:id`, (seed) => seed.deletedArtistIds, () => ({ name: 'Probe Artist' })),
  probe('artists.delete-missing', 'DELETE', `${API}/artists/:id`, (seed) => seed.deletedArtistIds),
  probe('venues.update-missing', 'PATCH', `${API}/venues/:id`, (seed) => seed.deletedVenueIds, () => ({ name: 'Probe Venue' })),
  probe('events.update-missing', 'PATCH', `${API}/events/:id`, (seed) => seed.deletedEventIds, () => ({ title: 'Probe Event' })),
  probe('events.publish-missing', 'POST', `${API}/events/:id/publish`, (seed) => seed.deletedEventIds),
  probe('organizers.admin-update-missing', 'PATCH', `${API}/organizers/:id/admin`, (seed) => seed.deletedOrganizerIds, () => ({ name: 'Probe Organizer' })),
  probe('admin-users.update-missing', 'PATCH', `${API}/admin/users/:id`, (seed) => seed.deletedUserIds, () => ({ name: 'Probe User' })),
  probe('chat.delete-missing', 'DELETE', `${API}/chat/messages/:id`, (seed) => seed.deletedMessageIds, () => ({})),
  probe('tickets.status-missing', 'PATCH', `${API}/tickets/:id/status`, () => [], () => ({ status: 'CONFIRMED' })),
  {
    name: 'users.me-update-deleted',
    kind: 'p2025-probe',
    method: 'PATCH',
    routeTemplate: `${API}/users/me`,
    unavailable: (_seed, tokens) => (tokens.deleted.length === 0 ? 'no token for a deleted user (mintTokens adds one for a never-existing user)' : null),
    build: (ctx) => ({
      template: 'users.me-update-deleted',
      kind: 'p2025-probe',
      method: 'PATCH',
      routeTemplate: `${API}/users/me`,
      path: `${API}/users/me`,
      headers: { authorization: `Bearer ${pick(ctx.rng, ctx.tokens.deleted).token}`, ...JSON_HEADERS },
      body: JSON.stringify({ name: 'Probe Deleted User' }),
    }),
  },
];

export const TEMPLATES: ReadonlyMap<string, RequestTemplate> = new Map(TEMPLATE_LIST.map((template) => [template.name, template]));
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
  'users.me-update-deleted': 1,
};

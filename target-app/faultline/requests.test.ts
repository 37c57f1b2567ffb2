// The reference app's requests as its target builds them: tokens the app verifies, P2025 probes aimed
// at rows that are not there, creates under a missing parent. The engine-side rules (weights, keys,
// unknown requests) are the load layer's own tests, on a made-up target.
import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../harness/lib/random.ts';
import { mixOf } from '../../harness/load/fixtures.ts';
import { RequestFactory } from '../../harness/load/request-factory.ts';
import type { LoadContext } from '../../harness/load/types.ts';
import type { SeedManifest } from './manifest.ts';
import { prepareReference, REFERENCE_REQUESTS } from './requests.ts';
import { randomUuid } from './templates.ts';

const rng = createRng(7);
const ids = (n: number): string[] => Array.from({ length: n }, () => randomUuid(rng));
const one = (): string => ids(1)[0] as string;

const SECRET = 'a-test-secret-of-enough-length';

const MANIFEST: SeedManifest = {
  users: [
    { id: one(), role: 'ADMIN' },
    { id: one(), role: 'ORGANIZER' },
    ...ids(5).map((id) => ({ id, role: 'USER' as const })),
  ],
  deletedUserIds: ids(2),
  organizers: ids(2).map((id) => ({ id, ownerId: id })),
  deletedOrganizerIds: ids(1),
  publishedEventIds: ids(4),
  draftEventIds: ids(1),
  deletedEventIds: ids(2),
  artistIds: ids(3),
  deletedArtistIds: ids(2),
  venueIds: ids(2),
  deletedVenueIds: ids(1),
  ticketIds: ids(3),
  messageIds: ids(3),
  deletedMessageIds: ids(1),
};

async function context(manifest: SeedManifest = MANIFEST): Promise<LoadContext> {
  const state = await prepareReference({
    databaseUrl: 'unused',
    appEnv: { JWT_SECRET: SECRET },
    seeded: manifest,
    seed: 99,
    pools: {},
  });
  return {
    appUrl: 'http://127.0.0.1:1',
    requests: REFERENCE_REQUESTS,
    defaultMix: {},
    fixtures: { pools: {}, state },
    runId: 'run 2026/11/28',
    rngSeed: 99,
  };
}

describe("the reference app's requests", () => {
  it('signs tokens the app can verify, with the role of the user', async () => {
    const factory = RequestFactory.create(await context(), mixOf({ 'artists.update-missing': 1 }));
    const spec = factory.next();
    const token = spec.headers.authorization?.replace('Bearer ', '') ?? '';
    const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), { algorithms: ['HS256'] });
    expect(payload).toMatchObject({ role: 'ADMIN', sub: MANIFEST.users[0]!.id });
  });

  it('aims P2025 probes at ids no live row has', async () => {
    // Every template of kind p2025-probe (the deleted user's heartbeat is a fire-and-forget write: 202).
    const probes = Object.keys(REFERENCE_REQUESTS).filter((name) => REFERENCE_REQUESTS[name]!.kind === 'missing');
    expect(probes.length).toBeGreaterThan(20);
    const factory = RequestFactory.create(await context(), mixOf(Object.fromEntries(probes.map((name) => [name, 1]))));
    const live = new Set([
      ...MANIFEST.artistIds,
      ...MANIFEST.venueIds,
      ...MANIFEST.publishedEventIds,
      ...MANIFEST.ticketIds,
      ...MANIFEST.messageIds,
      ...MANIFEST.users.map((u) => u.id),
    ]);
    const liveUsers = new Set(MANIFEST.users.map((u) => u.id));
    for (let i = 0; i < 400; i++) {
      const spec = factory.next();
      expect(spec.kind).toBe('p2025-probe');
      const token = spec.headers.authorization?.replace('Bearer ', '') ?? '';
      const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), { algorithms: ['HS256'] });
      // The missing record is in the path or the body, or it is the caller's own (deleted) user row.
      if (!liveUsers.has(String(payload.sub))) continue;
      for (const segment of spec.path.split('/')) expect(live.has(segment), spec.template).toBe(false);
      const body = JSON.parse(spec.body ?? '{}') as Record<string, unknown>;
      for (const value of Object.values(body)) expect(live.has(String(value)), spec.template).toBe(false);
    }
  });

  it('aims the creates of the sweep at a missing parent: in the path, the body or the caller', async () => {
    const factory = RequestFactory.create(
      await context(),
      mixOf({ 'events.create-missing-organizer': 1, 'tickets.create-deleted-user': 1, 'chat.send-missing-event': 1 }),
    );
    const liveOrganizers = new Set(MANIFEST.organizers.map((o) => o.id));
    const liveUsers = new Set(MANIFEST.users.map((u) => u.id));
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const spec = factory.next();
      seen.add(spec.template);
      const token = spec.headers.authorization?.replace('Bearer ', '') ?? '';
      const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), { algorithms: ['HS256'] });
      if (spec.template === 'events.create-missing-organizer') {
        const body = JSON.parse(spec.body ?? '{}') as { organizerId: string };
        expect(liveOrganizers.has(body.organizerId)).toBe(false);
        expect(liveUsers.has(String(payload.sub))).toBe(true);
      } else if (spec.template === 'tickets.create-deleted-user') {
        expect(MANIFEST.publishedEventIds).toContain(spec.path.split('/')[4]);
        expect(liveUsers.has(String(payload.sub))).toBe(false);
      } else {
        expect(MANIFEST.publishedEventIds).not.toContain(spec.path.split('/')[4]);
      }
    }
    expect(seen.size).toBe(3);
  });

  it('refuses a template the seed cannot feed, and an unknown one', async () => {
    const noArtists = { ...MANIFEST, artistIds: [] };
    const starved = await context(noArtists);
    expect(() => RequestFactory.create(starved, mixOf({ 'artists.get': 1 }))).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_UNAVAILABLE', message: expect.stringContaining('no artists') }),
    );
  });
});

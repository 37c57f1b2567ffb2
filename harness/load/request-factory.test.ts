import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { LoadError } from './errors.ts';
import { RequestFactory, clientKeyPrefix } from './request-factory.ts';
import { DEFAULT_MIX, TEMPLATES, TEMPLATE_NAMES } from './templates.ts';
import { TEST_MANIFEST as MANIFEST, TEST_SECRET as SECRET, mixOf, testContext as context } from './fixtures.ts';

describe('RequestFactory', () => {
  it('is deterministic: the same seed gives the same requests', async () => {
    const a = await RequestFactory.create(context(), mixOf(DEFAULT_MIX));
    const b = await RequestFactory.create(context(), mixOf(DEFAULT_MIX));
    const first = Array.from({ length: 50 }, () => a.next());
    const second = Array.from({ length: 50 }, () => b.next());
    // Tokens carry iat, so compare everything but the headers.
    const strip = (specs: typeof first) => specs.map(({ headers: _headers, ...rest }) => rest);
    expect(strip(first)).toEqual(strip(second));
  });

  it('follows the weights of the mix', async () => {
    const factory = await RequestFactory.create(context(), mixOf({ 'events.list': 3, 'tickets.create': 1 }));
    const counts = new Map<string, number>();
    for (let i = 0; i < 4_000; i++) {
      const spec = factory.next();
      counts.set(spec.template, (counts.get(spec.template) ?? 0) + 1);
    }
    expect(counts.get('events.list')).toBeGreaterThan(2_800);
    expect(counts.get('events.list')).toBeLessThan(3_200);
  });

  it('writes carry unique client keys the app accepts: <runId>-<seq>', async () => {
    const factory = await RequestFactory.create(context(), mixOf({ 'tickets.create': 1 }));
    const specs = Array.from({ length: 100 }, () => factory.next());
    const keys = specs.map((spec) => spec.clientKey);
    expect(new Set(keys).size).toBe(100);
    expect(keys[0]).toBe('run-2026-11-28-0');
    for (const spec of specs) {
      expect(spec.clientKey).toMatch(/^[A-Za-z0-9._:-]{1,100}$/);
      expect(JSON.parse(spec.body ?? '{}')).toEqual({ clientKey: spec.clientKey });
      expect(MANIFEST.publishedEventIds).toContain(spec.path.split('/')[4]);
      expect(spec.routeTemplate).toBe('/api/v1/events/:eventId/tickets');
    }
    expect(clientKeyPrefix('')).toBe('run');
  });

  it('signs tokens the app can verify, with the role of the user', async () => {
    const factory = await RequestFactory.create(context(), mixOf({ 'artists.update-missing': 1 }));
    const spec = factory.next();
    const token = spec.headers.authorization?.replace('Bearer ', '') ?? '';
    const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), { algorithms: ['HS256'] });
    expect(payload).toMatchObject({ role: 'ADMIN', sub: MANIFEST.users[0]!.id });
  });

  it('aims P2025 probes at ids no live row has', async () => {
    // Every template of kind p2025-probe (the deleted user's heartbeat is a fire-and-forget write: 202).
    const probes = TEMPLATE_NAMES.filter((name) => TEMPLATES.get(name)!.kind === 'p2025-probe');
    expect(probes.length).toBeGreaterThan(20);
    const factory = await RequestFactory.create(context(), mixOf(Object.fromEntries(probes.map((name) => [name, 1]))));
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
    const factory = await RequestFactory.create(
      context(),
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
    await expect(
      RequestFactory.create(context({ seed: noArtists }), mixOf({ 'artists.get': 1 })),
    ).rejects.toMatchObject({
      code: 'TEMPLATE_UNAVAILABLE',
      message: expect.stringContaining('no artists'),
    });
    await expect(RequestFactory.create(context(), mixOf({ 'nope.get': 1 }))).rejects.toBeInstanceOf(LoadError);
  });
});

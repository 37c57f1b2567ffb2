import { describe, expect, it } from 'vitest';
import { LoadError } from './errors.ts';
import { RequestFactory, clientKeyPrefix } from './request-factory.ts';
import { TEST_FIXTURES, mixOf, testContext as context } from './fixtures.ts';

describe('RequestFactory', () => {
  it('is deterministic: the same seed gives the same requests', () => {
    const a = RequestFactory.create(context(), []);
    const b = RequestFactory.create(context(), []);
    const first = Array.from({ length: 50 }, () => a.next());
    expect(first).toEqual(Array.from({ length: 50 }, () => b.next()));
    const other = RequestFactory.create(context({ rngSeed: 100 }), []);
    expect(Array.from({ length: 50 }, () => other.next())).not.toEqual(first);
  });

  it("uses the target's default mix when the profile has none, and follows the weights", () => {
    const factory = RequestFactory.create(context(), []);
    const counts = new Map<string, number>();
    for (let i = 0; i < 5_000; i++) {
      const spec = factory.next();
      counts.set(spec.template, (counts.get(spec.template) ?? 0) + 1);
    }
    // Default mix: list 2, get 2, create 1.
    expect([...counts.keys()].sort()).toEqual(['events.get', 'events.list', 'tickets.create']);
    expect(counts.get('tickets.create')).toBeGreaterThan(850);
    expect(counts.get('tickets.create')).toBeLessThan(1_150);
    const weighted = RequestFactory.create(context(), mixOf({ 'events.list': 3, 'tickets.create': 1 }));
    let lists = 0;
    for (let i = 0; i < 4_000; i++) if (weighted.next().template === 'events.list') lists += 1;
    expect(lists).toBeGreaterThan(2_800);
    expect(lists).toBeLessThan(3_200);
  });

  it('writes carry the unique key their build chose: <runId>-<seq>, safe for any key rule', () => {
    const factory = RequestFactory.create(context(), mixOf({ 'tickets.create': 1 }));
    const specs = Array.from({ length: 100 }, () => factory.next());
    const keys = specs.map((spec) => spec.clientKey);
    expect(new Set(keys).size).toBe(100);
    expect(keys[0]).toBe('run-2026-11-28-0');
    for (const spec of specs) {
      expect(spec.clientKey).toMatch(/^[A-Za-z0-9._:-]{1,100}$/);
      expect(spec.kind).toBe('write');
      // An object body is sent as JSON, with its content type.
      expect(JSON.parse(spec.body ?? '{}')).toEqual({ clientKey: spec.clientKey });
      expect(spec.headers['content-type']).toBe('application/json');
      expect(TEST_FIXTURES.pools.events).toContain(spec.path.split('/')[2]);
      expect(spec.routeTemplate).toBe('/events/:id/tickets');
    }
    expect(clientKeyPrefix('')).toBe('run');
  });

  it('records a missing request as a P2025 probe, and names a request without a route by its name', () => {
    const factory = RequestFactory.create(context(), mixOf({ 'events.update-missing': 1 }));
    const spec = factory.next();
    expect(spec).toMatchObject({ kind: 'p2025-probe', method: 'PATCH', routeTemplate: '/events/:id' });
    expect(TEST_FIXTURES.pools.deletedEvents).toContain(spec.path.split('/')[2]);
    const bare = RequestFactory.create(
      context({ requests: { ping: { kind: 'read', build: () => ({ method: 'GET', path: '/ping' }) } } }),
      mixOf({ ping: 1 }),
    );
    expect(bare.next()).toMatchObject({ template: 'ping', routeTemplate: 'ping', headers: {} });
  });

  it('refuses an unknown request, one its target says it cannot build, and a mix of zero weights', () => {
    expect(() => RequestFactory.create(context(), mixOf({ 'nope.get': 1 }))).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_UNKNOWN', message: expect.stringContaining('events.list') }),
    );
    const picky = context({
      requests: {
        needy: { kind: 'read', unavailable: () => 'no rows to read', build: () => ({ method: 'GET', path: '/' }) },
      },
    });
    expect(() => RequestFactory.create(picky, mixOf({ needy: 1 }))).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_UNAVAILABLE', message: 'request "needy" cannot run: no rows to read' }),
    );
    expect(() => RequestFactory.create(context(), mixOf({ 'events.list': 0 }))).toThrow(LoadError);
  });

  it('says which request failed to build, and which pool it asked for', () => {
    const broken = context({
      requests: { typo: { kind: 'read', build: ({ pick }) => ({ method: 'GET', path: `/x/${pick('evnets')}` }) } },
    });
    const factory = RequestFactory.create(broken, mixOf({ typo: 1 }));
    expect(() => factory.next()).toThrow(/request "typo" could not be built: no pool named "evnets"/);
  });
});

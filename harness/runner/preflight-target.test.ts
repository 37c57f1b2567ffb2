import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_FIXTURES, TEST_REQUESTS } from '../load/fixtures.ts';
import type { Target } from '../target/types.ts';
import { healthProblems, requestProblems, requestsOfScenarios } from './preflight-target.ts';

const target = (requests: Target['requests'], defaultMix: Target['defaultMix'] = {}): Target => ({
  name: 'shop',
  root: '/',
  app: { command: ['node'], inject: { databaseUrl: 'DB', port: 'PORT' } },
  database: { migrate: { sql: 'x.sql' } },
  health: { endpoints: { ready: '/ready' }, ready: 'ready' },
  requests,
  defaultMix,
});

describe('requestsOfScenarios', () => {
  it("takes each scenario's mix, the default mix for a load without one, and nothing for no load", () => {
    const shop = target(TEST_REQUESTS, { 'events.list': 1, 'events.get': 0 });
    const load = (mix: { template: string; weight: number }[]) => ({ load: { mix } }) as never;
    expect(
      requestsOfScenarios(shop, [
        load([{ template: 'tickets.create', weight: 1 }]),
        load([]),
        { load: null },
        load([{ template: 'chat.session', weight: 0 }]),
      ]),
    ).toEqual(['tickets.create', 'events.list']);
  });
});

describe('requestProblems', () => {
  it("builds the contract's own requests from their fixtures without a problem", () => {
    const shop = target(TEST_REQUESTS);
    expect(requestProblems(shop, TEST_FIXTURES, Object.keys(TEST_REQUESTS), 1)).toEqual([]);
  });

  it('names each request that cannot be built, and what to fix', () => {
    const shop = target({
      'orders.get': { kind: 'read', build: ({ pick }) => ({ method: 'GET', path: `/orders/${pick('orders')}` }) },
      'orders.create': { kind: 'write', build: () => ({ method: 'POST', path: '/orders', body: {} }) },
      'orders.pay': { kind: 'write', build: () => ({ method: 'POST', path: '/pay', key: 'same' }) },
      'orders.list': { kind: 'read', build: () => ({ method: 'GET', path: 'orders' }) },
      'orders.export': {
        kind: 'read',
        unavailable: () => 'needs an admin token',
        build: () => ({ method: 'GET', path: '/x' }),
      },
      'orders.search': {
        kind: 'read',
        build: ({ state }) => ({ method: 'GET', path: `/search?q=${(state as { term: { text: string } }).term.text}` }),
      },
    });
    const found = requestProblems(shop, TEST_FIXTURES, Object.keys(shop.requests), 1);
    expect(found.map((problem) => problem.path)).toEqual([
      'requests.orders.get',
      'requests.orders.create',
      'requests.orders.pay',
      'requests.orders.list',
      'requests.orders.export',
      'requests.orders.search',
    ]);
    const text = found.map((problem) => problem.message).join('\n');
    expect(text).toContain('build() threw');
    expect(text).toContain('no pool named "orders"');
    expect(text).toContain('pools: events (4), deletedEvents (2)');
    expect(text).toContain('is a write, but build() returned no key');
    expect(text).toContain('returned the key "same" twice');
    expect(text).toContain('expected a path starting with "/"');
    expect(text).toContain('needs an admin token');
  });

  it('lets a write without a key through when it says it cannot be read back', () => {
    const shop = target({ bump: { kind: 'write', readBack: false, build: () => ({ method: 'PATCH', path: '/b/1' }) } });
    expect(requestProblems(shop, TEST_FIXTURES, ['bump'], 1)).toEqual([]);
  });

  it('leaves a request out of the run alone, and a name the target does not define to the scenario check', () => {
    const shop = target({ broken: { kind: 'write', build: () => ({ method: 'POST', path: '/b' }) } });
    expect(requestProblems(shop, TEST_FIXTURES, ['unknown'], 1)).toEqual([]);
  });
});

describe('healthProblems (a real HTTP server)', () => {
  let server: http.Server;
  let appUrl: string;
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const answer: Record<string, [number, string]> = {
        '/ready': [200, '{"database":"up"}'],
        '/status': [200, '{"db":"down"}'],
        '/admin/health': [401, 'login first'],
        '/text': [200, 'alive'],
      };
      const [status, body] = answer[request.url ?? ''] ?? [404, 'Not Found'];
      response.writeHead(status).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const health = (endpoints: Target['health']['endpoints']): Pick<Target, 'health'> => ({
    health: { endpoints, ready: 'ready' },
  });

  it('passes endpoints that answer the healthy app as up', async () => {
    expect(await healthProblems(health({ ready: '/ready', live: '/text' }), appUrl, { healthyApp: true })).toEqual([]);
  });

  it('names a path that 404s, one that wants authentication, and a reader that throws', async () => {
    const found = await healthProblems(
      health({
        ready: '/ready',
        live: '/healthz',
        admin: '/admin/health',
        detailed: {
          path: '/text',
          read: ({ body }) => ({ database: (body as { db: string }).db.length > 0 ? 'up' : 'down' }),
        },
      }),
      appUrl,
      { healthyApp: true },
    );
    expect(found).toEqual([
      {
        path: 'health.endpoints.live',
        message: expect.stringContaining('GET /healthz answered 404 on the healthy app'),
      },
      { path: 'health.endpoints.admin', message: expect.stringContaining('answered 401') },
      {
        path: 'health.endpoints.detailed',
        message: expect.stringContaining("its read() threw on the healthy app's answer"),
      },
    ]);
  });

  it('names an endpoint that reads as down on the healthy app — but not while a defect is on', async () => {
    const endpoints = {
      ready: '/ready',
      status: {
        path: '/status',
        read: ({ body }: { body: unknown }) => ({ database: (body as { db: 'up' | 'down' }).db }),
      },
    };
    const found = await healthProblems(health(endpoints), appUrl, { healthyApp: true });
    expect(found).toEqual([
      { path: 'health.endpoints.status', message: expect.stringContaining('reads as down ({"database":"down"})') },
    ]);
    expect(await healthProblems(health(endpoints), appUrl, { healthyApp: false })).toEqual([]);
  }, 15_000);
});

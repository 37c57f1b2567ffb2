// The Toxiproxy API through the real toxiproxy-node-client: what users of a real Toxiproxy get.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Toxiproxy } from 'toxiproxy-node-client';
import { isPortOpen } from '../lib/ports.ts';
import { closeAll, startEchoServer, startTestToxiproxy, type TestTcpServer } from './testing/fixtures.ts';

let client: Toxiproxy;
let url: string;
let upstream: TestTcpServer;

beforeEach(async () => {
  ({
    client,
    server: { url },
  } = await startTestToxiproxy());
  upstream = await startEchoServer();
});
afterEach(closeAll);

const portOf = (listen: string): number => Number(listen.split(':').pop());

describe('proxies', () => {
  it('reports the version as Toxiproxy 2.12 does', async () => {
    expect(JSON.parse(await client.getVersion())).toEqual({ version: '2.12.0' });
  });

  it('creates a proxy enabled by default, listening on the real port when asked for 0', async () => {
    const proxy = await client.createProxy({
      name: 'pg',
      listen: 'localhost:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    expect(proxy.name).toBe('pg');
    expect(proxy.enabled).toBe(true);
    expect(proxy.listen).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(portOf(proxy.listen)).toBeGreaterThan(0);
    expect(await isPortOpen(portOf(proxy.listen))).toBe(true);
    const body = await (await fetch(`${url}/proxies/pg`)).json();
    expect(body).toEqual({
      name: 'pg',
      listen: proxy.listen,
      upstream: `127.0.0.1:${upstream.port}`,
      enabled: true,
      toxics: [],
    });
  });

  it('answers 201 to a create and keeps a disabled proxy closed, with its listen as given', async () => {
    const response = await fetch(`${url}/proxies`, {
      method: 'POST',
      body: JSON.stringify({ name: 'off', listen: '127.0.0.1:0', upstream: 'localhost:1', enabled: false }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ name: 'off', listen: '127.0.0.1:0', enabled: false });
  });

  it('lists proxies keyed by name, with their toxics', async () => {
    const a = await client.createProxy({ name: 'a', listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstream.port}` });
    await client.createProxy({ name: 'b', listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstream.port}` });
    await a.addToxic({ type: 'latency', attributes: { latency: 5 } } as never);
    const all = await client.getAll();
    expect(Object.keys(all).sort()).toEqual(['a', 'b']);
    const raw = (await (await fetch(`${url}/proxies`)).json()) as Record<string, { toxics: unknown[] }>;
    expect(raw.a?.toxics).toEqual([
      {
        attributes: { latency: 5, jitter: 0 },
        name: 'latency_downstream',
        type: 'latency',
        stream: 'downstream',
        toxicity: 1,
      },
    ]);
  });

  it('disables and re-enables a proxy on the same port (POST alias through the client, PATCH by hand)', async () => {
    const proxy = await client.createProxy({
      name: 'p',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    const port = portOf(proxy.listen);
    const disabled = await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
    expect(disabled.enabled).toBe(false);
    expect(await isPortOpen(port)).toBe(false);
    const response = await fetch(`${url}/proxies/p`, { method: 'PATCH', body: JSON.stringify({ enabled: true }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ enabled: true, listen: proxy.listen });
    expect(await isPortOpen(port)).toBe(true);
  });

  it('moves a proxy to a new upstream', async () => {
    const other = await startEchoServer();
    const proxy = await client.createProxy({
      name: 'p',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    const moved = await proxy.update({ enabled: true, listen: proxy.listen, upstream: `127.0.0.1:${other.port}` });
    expect(moved.upstream).toBe(`127.0.0.1:${other.port}`);
    expect(moved.enabled).toBe(true);
  });

  it('deletes a proxy with 204 and closes its port', async () => {
    const proxy = await client.createProxy({
      name: 'p',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    const response = await fetch(`${url}/proxies/p`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await isPortOpen(portOf(proxy.listen))).toBe(false);
    expect(await client.getAll()).toEqual({});
    await expect(proxy.remove()).rejects.toThrow(/404/);
  });
});

describe('toxics', () => {
  it('creates a toxic with Toxiproxy defaults and every attribute of its type', async () => {
    const proxy = await client.createProxy({
      name: 'p',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    const response = await fetch(`${url}/proxies/p/toxics`, {
      method: 'POST',
      body: JSON.stringify({ type: 'slicer' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      attributes: { average_size: 0, size_variation: 0, delay: 0 },
      name: 'slicer_downstream',
      type: 'slicer',
      stream: 'downstream',
      toxicity: 1,
    });
    const toxic = await proxy.addToxic({
      type: 'reset_peer',
      stream: 'upstream',
      toxicity: 0.5,
      attributes: { timeout: 10 },
    } as never);
    expect(toxic.toJson()).toEqual({
      attributes: { timeout: 10 },
      name: 'reset_peer_upstream',
      stream: 'upstream',
      toxicity: 0.5,
      type: 'reset_peer',
    });
  });

  it('knows all eight toxic types', async () => {
    const proxy = await client.createProxy({
      name: 'p',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    const types = ['noop', 'latency', 'bandwidth', 'slow_close', 'timeout', 'reset_peer', 'slicer', 'limit_data'];
    for (const type of types) await proxy.addToxic({ type, stream: 'upstream' } as never);
    const listed = (await (await fetch(`${url}/proxies/p/toxics`)).json()) as Array<{
      type: string;
      attributes: object;
    }>;
    expect(listed.map((toxic) => toxic.type)).toEqual(types);
    expect(listed.find((toxic) => toxic.type === 'limit_data')?.attributes).toEqual({ bytes: 0 });
  });

  it('lists upstream toxics before downstream ones, each in the order added', async () => {
    const proxy = await client.createProxy({
      name: 'p',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    await proxy.addToxic({ name: 'd1', type: 'latency' } as never);
    await proxy.addToxic({ name: 'u1', type: 'latency', stream: 'upstream' } as never);
    await proxy.addToxic({ name: 'd2', type: 'bandwidth' } as never);
    const listed = (await (await fetch(`${url}/proxies/p/toxics`)).json()) as Array<{ name: string }>;
    expect(listed.map((toxic) => toxic.name)).toEqual(['u1', 'd1', 'd2']);
  });

  it('gets, merges on update (POST alias and PATCH) and deletes a toxic', async () => {
    const proxy = await client.createProxy({
      name: 'p',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    await proxy.addToxic({ name: 'slow', type: 'latency', attributes: { latency: 100, jitter: 10 } } as never);
    const fetched = await proxy.getToxic<{ latency: number; jitter: number }>('slow');
    expect(fetched.attributes).toEqual({ latency: 100, jitter: 10 });

    const updated = await fetched.update({ toxicity: 0.5, attributes: { latency: 1000 } } as never);
    expect(updated.toxicity).toBe(0.5);
    expect(updated.attributes).toEqual({ latency: 1000, jitter: 10 });

    const patched = await fetch(`${url}/proxies/p/toxics/slow`, {
      method: 'PATCH',
      body: JSON.stringify({ attributes: { jitter: 0 } }),
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ toxicity: 0.5, attributes: { latency: 1000, jitter: 0 } });

    const deleted = await fetch(`${url}/proxies/p/toxics/slow`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    await expect(proxy.getToxic('slow')).rejects.toThrow(/404/);
  });
});

describe('populate and reset', () => {
  it('creates proxies and answers 201 with them', async () => {
    const proxies = await client.populate([
      { name: 'one', listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstream.port}` },
      { name: 'two', listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstream.port}`, enabled: false },
    ]);
    expect(Object.keys(proxies).sort()).toEqual(['one', 'two']);
    expect(proxies.one?.enabled).toBe(true);
    expect(proxies.two?.enabled).toBe(false);
  });

  it('keeps an existing proxy whose listen and upstream are unchanged, and replaces one whose are not', async () => {
    const kept = await client.createProxy({
      name: 'kept',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    await kept.addToxic({ type: 'latency' } as never);
    const moved = await client.createProxy({
      name: 'moved',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    await moved.addToxic({ type: 'latency' } as never);

    const response = await fetch(`${url}/populate`, {
      method: 'POST',
      body: JSON.stringify([
        { name: 'kept', listen: kept.listen, upstream: kept.upstream },
        { name: 'moved', listen: '127.0.0.1:0', upstream: 'localhost:1' },
      ]),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { proxies: Array<{ name: string; toxics: unknown[]; upstream: string }> };
    expect(body.proxies.map((proxy) => [proxy.name, proxy.toxics.length, proxy.upstream])).toEqual([
      ['kept', 1, kept.upstream],
      ['moved', 0, 'localhost:1'],
    ]);
    expect(await isPortOpen(portOf(moved.listen))).toBe(false);
  });

  it('reset re-enables every proxy and removes every toxic, answering 204', async () => {
    const proxy = await client.createProxy({
      name: 'p',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    await proxy.addToxic({ type: 'timeout', stream: 'upstream' } as never);
    await proxy.addToxic({ type: 'latency' } as never);
    await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
    const response = await fetch(`${url}/reset`, { method: 'POST' });
    expect(response.status).toBe(204);
    const after = await (await fetch(`${url}/proxies/p`)).json();
    expect(after).toMatchObject({ enabled: true, toxics: [] });
    expect(await isPortOpen(portOf(proxy.listen))).toBe(true);
  });
});

describe('metrics', () => {
  it('serves byte counters and active toxics in Prometheus text format', async () => {
    const proxy = await client.createProxy({
      name: 'p',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${upstream.port}`,
    });
    await proxy.addToxic({ type: 'latency' } as never);
    const response = await fetch(`${url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('# TYPE toxiproxy_proxy_received_bytes_total counter');
    expect(text).toMatch(
      /toxiproxy_proxy_sent_bytes_total\{direction="upstream",listener="[^"]+",proxy="p",upstream="[^"]+"\} 0/,
    );
    expect(text).toContain(
      'toxiproxy_proxy_toxic_active{proxy="p",toxic="latency_downstream",type="latency",stream="downstream"} 1',
    );
  });
});

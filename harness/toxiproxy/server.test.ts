// startToxiproxyServer's own contract: where it listens, and that stop() leaves nothing behind.
import { afterEach, describe, expect, it } from 'vitest';
import { Toxiproxy } from 'toxiproxy-node-client';
import { isPortOpen } from '../lib/ports.ts';
import { startToxiproxyServer } from './server.ts';
import { closeAll, connect, createTestProxy, readUntilClosed, startEchoServer } from './testing/fixtures.ts';

afterEach(closeAll);

describe('startToxiproxyServer', () => {
  it('listens on 127.0.0.1 and reports the real port for port 0, and its seed', async () => {
    await using server = await startToxiproxyServer({ port: 0, seed: 5 });
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.seed).toBe(5);
    expect(await isPortOpen(server.port)).toBe(true);
  });

  it('picks a seed when given none', async () => {
    await using server = await startToxiproxyServer({ port: 0 });
    expect(Number.isInteger(server.seed)).toBe(true);
  });

  it('stop() closes the API, every proxy listener and every proxied connection', async () => {
    const server = await startToxiproxyServer({ port: 0, seed: 1 });
    const client = new Toxiproxy(server.url);
    const echo = await startEchoServer();
    const { port: proxyPort } = await createTestProxy(client, echo.port, 'a');
    const { port: otherPort, proxy: other } = await createTestProxy(client, echo.port, 'b');
    await other.addToxic({ type: 'latency', attributes: { latency: 10_000 } } as never);
    const open = await connect(proxyPort);
    const held = await connect(otherPort);
    held.write('held by latency');
    const endings = Promise.all([readUntilClosed(open), readUntilClosed(held)]);

    await server.stop();

    for (const ending of await endings) expect(ending.kind).not.toBe('timeout');
    expect(await isPortOpen(server.port)).toBe(false);
    expect(await isPortOpen(proxyPort)).toBe(false);
    expect(await isPortOpen(otherPort)).toBe(false);
    await server.stop(); // idempotent
  });

  it('populates proxies in process', async () => {
    await using server = await startToxiproxyServer({ port: 0 });
    const echo = await startEchoServer();
    const [proxy] = await server.populate([{ name: 'pg', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` }]);
    expect(proxy).toMatchObject({ name: 'pg', enabled: true, toxics: [] });
    await expect(server.populate([{ name: 'x' }])).rejects.toMatchObject({ code: 'MISSING_FIELD', status: 400 });
  });

  it('fails to start, with the system error, when the API port is taken', async () => {
    await using first = await startToxiproxyServer({ port: 0 });
    await expect(startToxiproxyServer({ port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

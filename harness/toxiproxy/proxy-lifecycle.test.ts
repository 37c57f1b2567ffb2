// What clients of a proxy see when it is disabled, enabled, deleted, or its upstream is down.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Toxiproxy } from 'toxiproxy-node-client';
import { freePort, isPortOpen } from '../lib/ports.ts';
import {
  closeAll,
  connect,
  createTestProxy,
  readUntilClosed,
  startEchoServer,
  startTestToxiproxy,
} from './testing/fixtures.ts';
import { openProxiedPair, timeTransfer } from './testing/pair.ts';

let client: Toxiproxy;

beforeEach(async () => {
  ({ client } = await startTestToxiproxy());
});
afterEach(closeAll);

describe('proxy lifecycle', () => {
  it('disabling closes every open connection and refuses new ones; enabling listens again', async () => {
    const pair = await openProxiedPair(client);
    const clientSide = readUntilClosed(pair.client);
    const serverSide = readUntilClosed(pair.server);
    await pair.proxy.update({ enabled: false, listen: pair.proxy.listen, upstream: pair.proxy.upstream });
    expect((await clientSide).kind).not.toBe('timeout');
    expect((await serverSide).kind).not.toBe('timeout');
    await expect(connect(pair.proxyPort)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    await pair.proxy.update({ enabled: true, listen: pair.proxy.listen, upstream: pair.proxy.upstream });
    const again = await pair.reconnect();
    expect((await timeTransfer(again.client, again.server, Buffer.from('back'))).received.toString()).toBe('back');
  });

  it('deleting a proxy closes its connections and its port', async () => {
    const pair = await openProxiedPair(client);
    const clientSide = readUntilClosed(pair.client);
    await pair.proxy.remove();
    expect((await clientSide).kind).not.toBe('timeout');
    expect(await isPortOpen(pair.proxyPort)).toBe(false);
  });

  it('accepts a client and then closes it when the upstream is down', async () => {
    const { port } = await createTestProxy(client, await freePort());
    const socket = await connect(port);
    const ending = await readUntilClosed(socket, 3_000);
    expect(ending.kind).not.toBe('timeout');
    expect(ending.data.length).toBe(0);
  });

  it('passes a half-close on and keeps the other direction open', async () => {
    const pair = await openProxiedPair(client);
    const serverSide = readUntilClosed(pair.server);
    pair.client.end('bye');
    const ending = await serverSide;
    expect(ending).toMatchObject({ kind: 'end' });
    expect(ending.data.toString()).toBe('bye');
  });

  it('keeps connections alive through many toxic changes (Toxiproxy add/remove race)', async () => {
    const echo = await startEchoServer();
    const { proxy, port } = await createTestProxy(client, echo.port);
    const socket = await connect(port);
    let running = true;
    const churn = (async () => {
      for (let i = 0; running; i++) {
        const name = i % 2 === 0 ? 'noop_up' : 'noop_down';
        const toxic = await proxy.addToxic({
          name,
          type: 'noop',
          stream: i % 2 === 0 ? 'upstream' : 'downstream',
        } as never);
        await toxic.remove();
      }
    })();
    for (let i = 0; i < 100; i++) {
      const message = Buffer.from(`message ${i}\n`);
      expect((await timeTransfer(socket, socket, message)).received.equals(message)).toBe(true);
    }
    running = false;
    await churn;
  });
});

describe('ports', () => {
  it('uses the port it was given, and reports it', async () => {
    const echo = await startEchoServer();
    const port = await freePort();
    const proxy = await client.createProxy({
      name: 'fixed',
      listen: `127.0.0.1:${port}`,
      upstream: `127.0.0.1:${echo.port}`,
    });
    expect(proxy.listen).toBe(`127.0.0.1:${port}`);
    expect(await isPortOpen(port)).toBe(true);
  });
});

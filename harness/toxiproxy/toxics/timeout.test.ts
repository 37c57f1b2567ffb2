// timeout through the real proxy: data is dropped; the connection closes after `timeout` ms, or,
// with 0, stays open until the toxic is removed and then closes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Toxiproxy } from 'toxiproxy-node-client';
import { closeAll, performance, readUntilClosed, sleep, startTestToxiproxy } from '../testing/fixtures.ts';
import { openProxiedPair, timeTransfer, type ProxiedPair } from '../testing/pair.ts';

let toxiproxy: Toxiproxy;
let pair: ProxiedPair;

beforeEach(async () => {
  ({ client: toxiproxy } = await startTestToxiproxy());
  pair = await openProxiedPair(toxiproxy);
});
afterEach(closeAll);

describe('timeout toxic', () => {
  it('drops data and closes both sides after the timeout', async () => {
    await timeTransfer(pair.client, pair.server, Buffer.from('before'));
    const startMs = performance.now();
    await pair.proxy.addToxic({ type: 'timeout', stream: 'upstream', attributes: { timeout: 300 } } as never);
    const serverSide = readUntilClosed(pair.server);
    const clientSide = readUntilClosed(pair.client);
    pair.client.write('dropped');
    const [server, client] = await Promise.all([serverSide, clientSide]);
    expect(server.data.length).toBe(0);
    expect(server.kind).toBe('end');
    expect(client.kind).toBe('end');
    expect(client.atMs - startMs).toBeGreaterThanOrEqual(290);
    expect(client.atMs - startMs).toBeLessThan(800);
  });

  it('applies to new connections from their start', async () => {
    await pair.proxy.addToxic({ type: 'timeout', attributes: { timeout: 200 } } as never);
    const startMs = performance.now();
    const { client, server } = await pair.reconnect();
    const clientSide = readUntilClosed(client);
    server.write('dropped');
    const ending = await clientSide;
    expect(ending).toMatchObject({ kind: 'end', data: Buffer.alloc(0) });
    expect(ending.atMs - startMs).toBeGreaterThanOrEqual(190);
    expect(ending.atMs - startMs).toBeLessThan(800);
  });

  it('with 0 holds the connection open, dropping data, until removed, then closes it', async () => {
    const toxic = await pair.proxy.addToxic({
      type: 'timeout',
      stream: 'upstream',
      attributes: { timeout: 0 },
    } as never);
    const serverSide = readUntilClosed(pair.server, 5_000);
    const clientSide = readUntilClosed(pair.client, 5_000);
    for (let i = 0; i < 5; i++) {
      pair.client.write('hello');
      await sleep(100);
    }
    expect(pair.client.destroyed).toBe(false);
    expect(pair.server.destroyed).toBe(false);
    const removedAtMs = performance.now();
    await toxic.remove();
    const [server, client] = await Promise.all([serverSide, clientSide]);
    expect(server).toMatchObject({ kind: 'end', data: Buffer.alloc(0) });
    expect(client.kind).toBe('end');
    expect(client.atMs - removedAtMs).toBeLessThan(1_000);
  });

  it('does not block behind a latency toxic that holds data (Toxiproxy regression)', async () => {
    const latency = await pair.proxy.addToxic({
      name: 'might_block',
      type: 'latency',
      stream: 'upstream',
      attributes: { latency: 10 },
    } as never);
    await pair.proxy.addToxic({ type: 'timeout', stream: 'upstream', attributes: { timeout: 0 } } as never);
    for (let i = 0; i < 5; i++) pair.client.write('hello');
    await sleep(100);
    const startMs = performance.now();
    await latency.remove();
    expect(performance.now() - startMs).toBeLessThan(1_000);
  });
});

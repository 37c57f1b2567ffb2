// reset_peer through the real proxy: a peer that sends data sees ECONNRESET `timeout` ms later.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Toxiproxy } from 'toxiproxy-node-client';
import { closeAll, performance, readUntilClosed, startTestToxiproxy } from '../testing/fixtures.ts';
import { openProxiedPair, type ProxiedPair } from '../testing/pair.ts';

let toxiproxy: Toxiproxy;
let pair: ProxiedPair;

beforeEach(async () => {
  ({ client: toxiproxy } = await startTestToxiproxy());
  pair = await openProxiedPair(toxiproxy);
});
afterEach(closeAll);

describe('reset_peer toxic', () => {
  it.each([
    { stream: 'upstream', timeout: 0 },
    { stream: 'upstream', timeout: 300 },
    { stream: 'downstream', timeout: 300 },
  ])('$stream, timeout $timeout ms: both peers see ECONNRESET at the configured time', async ({ stream, timeout }) => {
    await pair.proxy.addToxic({ type: 'reset_peer', stream, attributes: { timeout } } as never);
    const clientSide = readUntilClosed(pair.client);
    const serverSide = readUntilClosed(pair.server);
    const startMs = performance.now();
    (stream === 'upstream' ? pair.client : pair.server).write('reset toxic payload\n');
    const [client, server] = await Promise.all([clientSide, serverSide]);
    expect(client).toMatchObject({ kind: 'error', code: 'ECONNRESET' });
    expect(server).toMatchObject({ kind: 'error', code: 'ECONNRESET' });
    expect(client.data.length + server.data.length).toBe(0);
    expect(client.atMs - startMs).toBeGreaterThanOrEqual(timeout - 2);
    expect(client.atMs - startMs).toBeLessThan(timeout + 300);
  });

  it('resets a new connection once data flows', async () => {
    await pair.proxy.addToxic({ type: 'reset_peer', stream: 'upstream', attributes: { timeout: 100 } } as never);
    const { client } = await pair.reconnect();
    const clientSide = readUntilClosed(client);
    client.write('x');
    expect(await clientSide).toMatchObject({ kind: 'error', code: 'ECONNRESET' });
  });
});

// limit_data through the real proxy: exactly `bytes` bytes pass, then the connection closes.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Toxiproxy } from 'toxiproxy-node-client';
import { closeAll, readUntilClosed, sleep, startTestToxiproxy } from '../testing/fixtures.ts';
import { openProxiedPair, type ProxiedPair } from '../testing/pair.ts';

let toxiproxy: Toxiproxy;
let pair: ProxiedPair;

beforeEach(async () => {
  ({ client: toxiproxy } = await startTestToxiproxy());
  pair = await openProxiedPair(toxiproxy);
});
afterEach(closeAll);

describe('limit_data toxic', () => {
  it('downstream: passes exactly `bytes` bytes, then both sides see the close', async () => {
    await pair.proxy.addToxic({ type: 'limit_data', attributes: { bytes: 1_000 } } as never);
    const payload = randomBytes(5_000);
    const clientSide = readUntilClosed(pair.client);
    const serverSide = readUntilClosed(pair.server);
    pair.server.write(payload);
    const [client, server] = await Promise.all([clientSide, serverSide]);
    expect(client.kind).toBe('end');
    expect(client.data.equals(payload.subarray(0, 1_000))).toBe(true);
    expect(server.kind).not.toBe('timeout');
  });

  it('upstream: counts across many writes', async () => {
    await pair.proxy.addToxic({ type: 'limit_data', stream: 'upstream', attributes: { bytes: 100 } } as never);
    const serverSide = readUntilClosed(pair.server);
    const clientSide = readUntilClosed(pair.client);
    const payload = randomBytes(30);
    for (let i = 0; i < 10 && !pair.client.destroyed; i++) {
      pair.client.write(payload);
      await sleep(5);
    }
    const [server, client] = await Promise.all([serverSide, clientSide]);
    expect(server.kind).toBe('end');
    expect(server.data.length).toBe(100);
    expect(server.data.equals(Buffer.concat([payload, payload, payload, payload]).subarray(0, 100))).toBe(true);
    expect(client.kind).not.toBe('timeout');
  });
});

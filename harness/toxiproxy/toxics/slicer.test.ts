// slicer through the real proxy: the data arrives byte-exact, in many small pieces.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Toxiproxy } from 'toxiproxy-node-client';
import { closeAll, readUntilClosed, startTestToxiproxy } from '../testing/fixtures.ts';
import { openProxiedPair, type ProxiedPair } from '../testing/pair.ts';

let toxiproxy: Toxiproxy;
let pair: ProxiedPair;

beforeEach(async () => {
  ({ client: toxiproxy } = await startTestToxiproxy());
  pair = await openProxiedPair(toxiproxy);
});
afterEach(closeAll);

describe('slicer toxic', () => {
  it('delivers every byte, in order, in many chunks', async () => {
    await pair.proxy.addToxic({
      type: 'slicer',
      attributes: { average_size: 200, size_variation: 100, delay: 10_000 },
    } as never);
    const payload = randomBytes(6_000);
    const clientSide = readUntilClosed(pair.client, 10_000);
    pair.server.end(payload);
    const received = await clientSide;
    expect(received.kind).toBe('end');
    expect(received.data.equals(payload)).toBe(true);
    // ~30 slices 10 ms apart: even on a busy machine that merges some reads, far more than one.
    expect(received.reads).toBeGreaterThanOrEqual(10);
  });

  it('with no delay still delivers byte-exact data', async () => {
    await pair.proxy.addToxic({
      type: 'slicer',
      stream: 'upstream',
      attributes: { average_size: 7, size_variation: 3, delay: 0 },
    } as never);
    const payload = randomBytes(100_000);
    const serverSide = readUntilClosed(pair.server, 10_000);
    pair.client.end(payload);
    const received = await serverSide;
    expect(received.data.equals(payload)).toBe(true);
  });
});

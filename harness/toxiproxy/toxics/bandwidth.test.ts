// bandwidth through the real proxy: the observed rate is within 10% of `rate` KB/s.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Toxiproxy } from 'toxiproxy-node-client';
import { closeAll, startTestToxiproxy } from '../testing/fixtures.ts';
import { openProxiedPair, timeTransfer, type ProxiedPair } from '../testing/pair.ts';
import { expectDuration } from '../testing/timing.ts';

let toxiproxy: Toxiproxy;
let pair: ProxiedPair;

beforeEach(async () => {
  ({ client: toxiproxy } = await startTestToxiproxy());
  pair = await openProxiedPair(toxiproxy);
});
afterEach(closeAll);

describe('bandwidth toxic', () => {
  it.each([
    { stream: 'downstream', rateKbps: 200, bytes: 300_000 },
    { stream: 'upstream', rateKbps: 1_000, bytes: 1_000_000 },
  ])('limits $stream to $rateKbps KB/s within 10%', async ({ stream, rateKbps, bytes }) => {
    await pair.proxy.addToxic({ type: 'bandwidth', stream, attributes: { rate: rateKbps } } as never);
    const payload = randomBytes(bytes);
    const [from, to] = stream === 'upstream' ? [pair.client, pair.server] : [pair.server, pair.client];
    const expectedMs = bytes / rateKbps; // KB/s = bytes per millisecond
    const measure = async () => {
      const { elapsedMs, received } = await timeTransfer(from, to, payload);
      expect(received.equals(payload)).toBe(true);
      return elapsedMs;
    };
    await expectDuration('transfer', measure, { atLeastMs: expectedMs * 0.9, belowMs: expectedMs * 1.1 }, 2);
  });

  it('changes rate on a live connection', async () => {
    const toxic = await pair.proxy.addToxic({ type: 'bandwidth', attributes: { rate: 50 } } as never);
    await toxic.update({ attributes: { rate: 1_000 } } as never);
    const payload = randomBytes(200_000);
    const measure = async () => (await timeTransfer(pair.server, pair.client, payload)).elapsedMs;
    await expectDuration('transfer at the new rate', measure, { atLeastMs: 200 * 0.9, belowMs: 200 * 1.1 + 50 }, 2);
  });
});

// slow_close through the real proxy: data passes at once, the close arrives `delay` ms late.
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

describe('slow_close toxic', () => {
  it.each(['downstream', 'upstream'])('%s: delays the close by `delay` ms, not the data', async (stream) => {
    await pair.proxy.addToxic({ type: 'slow_close', stream, attributes: { delay: 400 } } as never);
    const [closer, observer] = stream === 'downstream' ? [pair.server, pair.client] : [pair.client, pair.server];
    let dataAtMs = 0;
    observer.once('data', () => (dataAtMs = performance.now()));
    const observed = readUntilClosed(observer);
    const startMs = performance.now();
    closer.end('last words');
    const ending = await observed;
    expect(ending.data.toString()).toBe('last words');
    expect(dataAtMs - startMs).toBeLessThan(100);
    expect(ending.kind).toBe('end');
    expect(ending.atMs - startMs).toBeGreaterThanOrEqual(398);
    expect(ending.atMs - startMs).toBeLessThan(400 + 300);
  });

  it('lets a held close through when removed', async () => {
    const toxic = await pair.proxy.addToxic({ type: 'slow_close', attributes: { delay: 10_000 } } as never);
    const observed = readUntilClosed(pair.client, 3_000);
    pair.server.end();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await toxic.remove();
    expect((await observed).kind).toBe('end');
  });
});

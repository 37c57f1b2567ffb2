// latency through the real proxy, modelled on Toxiproxy's latency tests: per stream, both, stacked,
// jitter bounds, live connections, and no loss of throughput. Bounds are generous (the machine is
// shared) but a missing or doubled delay cannot pass.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Toxiproxy } from 'toxiproxy-node-client';
import { closeAll, readBytes, sleep, startTestToxiproxy } from '../testing/fixtures.ts';
import { openProxiedPair, timeTransfer, type ProxiedPair } from '../testing/pair.ts';
import { expectDuration } from '../testing/timing.ts';

let toxiproxy: Toxiproxy;
let pair: ProxiedPair;
const message = Buffer.from(`hello world ${'a'.repeat(32 * 1024)}\n`);

beforeEach(async () => {
  ({ client: toxiproxy } = await startTestToxiproxy());
  pair = await openProxiedPair(toxiproxy);
});
afterEach(closeAll);

const SLACK_MS = 75;

async function transfer(from: 'client' | 'server'): Promise<number> {
  const [source, target] = from === 'client' ? [pair.client, pair.server] : [pair.server, pair.client];
  const { elapsedMs, received } = await timeTransfer(source, target, message);
  expect(received.equals(message)).toBe(true);
  return elapsedMs;
}

/** Client → server takes `upMs`, server → client `downMs`, each within bounds (see timing.ts). */
async function expectLatency(upMs: number, downMs: number): Promise<void> {
  await expectDuration('upstream', () => transfer('client'), { atLeastMs: upMs - 2, belowMs: upMs + SLACK_MS });
  await expectDuration('downstream', () => transfer('server'), { atLeastMs: downMs - 2, belowMs: downMs + SLACK_MS });
}

describe('latency toxic', () => {
  it.each([
    { up: 100, down: 0 },
    { up: 0, down: 100 },
    { up: 100, down: 100 },
    { up: 300, down: 100 },
  ])('delays upstream by $up ms and downstream by $down ms, every round', async ({ up, down }) => {
    if (up > 0)
      await pair.proxy.addToxic({ type: 'latency', stream: 'upstream', attributes: { latency: up } } as never);
    if (down > 0)
      await pair.proxy.addToxic({ type: 'latency', stream: 'downstream', attributes: { latency: down } } as never);
    for (let round = 0; round < 2; round++) await expectLatency(up, down);
  });

  it('stacks: two latency toxics on one stream add up', async () => {
    await pair.proxy.addToxic({
      name: 'first',
      type: 'latency',
      stream: 'upstream',
      attributes: { latency: 150 },
    } as never);
    await pair.proxy.addToxic({
      name: 'second',
      type: 'latency',
      stream: 'upstream',
      attributes: { latency: 150 },
    } as never);
    await expectLatency(300, 0);
  });

  it('keeps jitter within latency ± jitter, and really varies', async () => {
    await pair.proxy.addToxic({ type: 'latency', attributes: { latency: 100, jitter: 50 } } as never);
    const delays: number[] = [];
    for (let i = 0; i < 12; i++)
      delays.push((await timeTransfer(pair.server, pair.client, Buffer.from('ping'))).elapsedMs);
    const seen = `delays: ${delays.map((delay) => delay.toFixed(1)).join(', ')}`;
    for (const delay of delays) expect(delay, seen).toBeGreaterThanOrEqual(50 - 2);
    // A stall can push one sample late; most must be inside latency + jitter.
    expect(delays.filter((delay) => delay < 150 + SLACK_MS).length, seen).toBeGreaterThanOrEqual(10);
    expect(Math.max(...delays) - Math.min(...delays), seen).toBeGreaterThan(20);
  });

  it('applies to a connection that was already open, and stops when removed', async () => {
    await expectLatency(0, 0);
    const toxic = await pair.proxy.addToxic({ type: 'latency', attributes: { latency: 200 } } as never);
    await expectLatency(0, 200);
    await toxic.remove();
    await expectLatency(0, 0);
  });

  it('takes a new latency on a live connection when updated', async () => {
    const toxic = await pair.proxy.addToxic({ type: 'latency', attributes: { latency: 100 } } as never);
    await expectLatency(0, 100);
    await toxic.update({ attributes: { latency: 250 } } as never);
    await expectLatency(0, 250);
  });

  it('hands on held data at once when the toxic is removed', async () => {
    const toxic = await pair.proxy.addToxic({ type: 'latency', attributes: { latency: 10_000 } } as never);
    const reading = readBytes(pair.client, 4, 3_000);
    pair.server.write('late');
    await sleep(100);
    await toxic.remove();
    expect((await reading).toString()).toBe('late');
  });

  it('delays data without slowing a stream down (chunks are delayed in parallel)', async () => {
    await pair.proxy.addToxic({ type: 'latency', attributes: { latency: 100 } } as never);
    const payload = Buffer.alloc(8 * 1024 * 1024, 7);
    const { elapsedMs } = await timeTransfer(pair.server, pair.client, payload);
    // Serialising 100 ms per chunk would take minutes; a pipelined delay adds ~100 ms.
    expect(elapsedMs).toBeLessThan(2_000);
  });
});

// latency through the real proxy, modelled on Toxiproxy's latency tests: per stream, both, stacked,
// jitter bounds, live connections, and no loss of throughput. Bounds are generous (the machine is
// shared) but a missing or doubled delay cannot pass.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Toxiproxy } from 'toxiproxy-node-client';
import { closeAll, readBytes, sleep, startTestToxiproxy } from '../testing/fixtures.ts';
import { openProxiedPair, timeTransfer, type ProxiedPair } from '../testing/pair.ts';

let toxiproxy: Toxiproxy;
let pair: ProxiedPair;
const message = Buffer.from(`hello world ${'a'.repeat(32 * 1024)}\n`);

beforeEach(async () => {
  ({ client: toxiproxy } = await startTestToxiproxy());
  pair = await openProxiedPair(toxiproxy);
});
afterEach(closeAll);

const SLACK_MS = 75;

async function roundTrip(): Promise<{ upMs: number; downMs: number }> {
  const up = await timeTransfer(pair.client, pair.server, message);
  expect(up.received.equals(message)).toBe(true);
  const down = await timeTransfer(pair.server, pair.client, message);
  expect(down.received.equals(message)).toBe(true);
  return { upMs: up.elapsedMs, downMs: down.elapsedMs };
}

function expectAbout(actualMs: number, expectedMs: number): void {
  expect(actualMs).toBeGreaterThanOrEqual(expectedMs - 2);
  expect(actualMs).toBeLessThan(expectedMs + SLACK_MS);
}

describe('latency toxic', () => {
  it.each([
    { up: 100, down: 0 },
    { up: 0, down: 100 },
    { up: 100, down: 100 },
    { up: 300, down: 100 },
  ])('delays upstream by $up ms and downstream by $down ms, every round', async ({ up, down }) => {
    if (up > 0) await pair.proxy.addToxic({ type: 'latency', stream: 'upstream', attributes: { latency: up } } as never);
    if (down > 0) await pair.proxy.addToxic({ type: 'latency', stream: 'downstream', attributes: { latency: down } } as never);
    for (let round = 0; round < 2; round++) {
      const { upMs, downMs } = await roundTrip();
      expectAbout(upMs, up);
      expectAbout(downMs, down);
    }
  });

  it('stacks: two latency toxics on one stream add up', async () => {
    await pair.proxy.addToxic({ name: 'first', type: 'latency', stream: 'upstream', attributes: { latency: 150 } } as never);
    await pair.proxy.addToxic({ name: 'second', type: 'latency', stream: 'upstream', attributes: { latency: 150 } } as never);
    expectAbout((await roundTrip()).upMs, 300);
  });

  it('keeps jitter within latency ± jitter, and really varies', async () => {
    await pair.proxy.addToxic({ type: 'latency', attributes: { latency: 100, jitter: 50 } } as never);
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) delays.push((await timeTransfer(pair.server, pair.client, Buffer.from('ping'))).elapsedMs);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(50 - 2);
      expect(delay).toBeLessThan(150 + SLACK_MS);
    }
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(20);
  });

  it('applies to a connection that was already open, and stops when removed', async () => {
    expect((await roundTrip()).downMs).toBeLessThan(SLACK_MS);
    const toxic = await pair.proxy.addToxic({ type: 'latency', attributes: { latency: 200 } } as never);
    expectAbout((await roundTrip()).downMs, 200);
    await toxic.remove();
    expect((await roundTrip()).downMs).toBeLessThan(SLACK_MS);
  });

  it('takes a new latency on a live connection when updated', async () => {
    const toxic = await pair.proxy.addToxic({ type: 'latency', attributes: { latency: 100 } } as never);
    expectAbout((await roundTrip()).downMs, 100);
    await toxic.update({ attributes: { latency: 250 } } as never);
    expectAbout((await roundTrip()).downMs, 250);
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

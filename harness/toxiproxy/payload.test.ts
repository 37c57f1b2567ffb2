// Byte-exact transfer of a large random payload, both ways, through every toxic that is not meant
// to destroy data — alone, stacked, and while toxics are added and removed on the live connection.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Proxy, Toxiproxy } from 'toxiproxy-node-client';
import {
  closeAll,
  connect,
  createTestProxy,
  readBytes,
  startEchoServer,
  startTestToxiproxy,
} from './testing/fixtures.ts';

let client: Toxiproxy;
let proxy: Proxy;
let port: number;
const payload = randomBytes(4 * 1024 * 1024);
const digest = (data: Buffer) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  ({ client } = await startTestToxiproxy());
  const echo = await startEchoServer();
  ({ proxy, port } = await createTestProxy(client, echo.port));
});
afterAll(closeAll);

async function echoThroughProxy(data: Buffer): Promise<Buffer> {
  const socket = await connect(port);
  const reading = readBytes(socket, data.length, 30_000);
  socket.write(data);
  const received = await reading;
  socket.destroy();
  return received;
}

const NON_DESTRUCTIVE: Array<{ name: string; toxics: Array<{ type: string; attributes?: Record<string, number> }> }> = [
  { name: 'no toxic', toxics: [] },
  { name: 'noop', toxics: [{ type: 'noop' }] },
  { name: 'latency with jitter', toxics: [{ type: 'latency', attributes: { latency: 20, jitter: 10 } }] },
  { name: 'bandwidth', toxics: [{ type: 'bandwidth', attributes: { rate: 100_000 } }] },
  { name: 'slow_close', toxics: [{ type: 'slow_close', attributes: { delay: 50 } }] },
  {
    name: 'slicer',
    toxics: [{ type: 'slicer', attributes: { average_size: 1_500, size_variation: 1_000, delay: 0 } }],
  },
  { name: 'limit_data above the payload', toxics: [{ type: 'limit_data', attributes: { bytes: 64 * 1024 * 1024 } }] },
  {
    name: 'all of them stacked',
    toxics: [
      { type: 'latency', attributes: { latency: 10, jitter: 5 } },
      { type: 'slicer', attributes: { average_size: 4_000, size_variation: 1_000, delay: 0 } },
      { type: 'bandwidth', attributes: { rate: 100_000 } },
      { type: 'slow_close', attributes: { delay: 10 } },
      { type: 'limit_data', attributes: { bytes: 64 * 1024 * 1024 } },
    ],
  },
];

describe('byte-exact transfer of 4 MiB', () => {
  it.each(NON_DESTRUCTIVE)('through $name, both ways', async ({ toxics }) => {
    await client.reset();
    for (const [i, toxic] of toxics.entries()) {
      for (const stream of ['upstream', 'downstream']) {
        await proxy.addToxic({ name: `${toxic.type}_${stream}_${i}`, stream, ...toxic } as never);
      }
    }
    expect(digest(await echoThroughProxy(payload))).toBe(digest(payload));
  });

  it('while toxics are added, updated and removed on the live connection', async () => {
    await client.reset();
    const socket = await connect(port);
    const reading = readBytes(socket, payload.length * 2, 30_000);
    let running = true;
    const churn = (async () => {
      for (let i = 0; running; i++) {
        const stream = i % 2 === 0 ? 'upstream' : 'downstream';
        const latency = await proxy.addToxic({
          name: `latency_${i}`,
          type: 'latency',
          stream,
          attributes: { latency: 5 },
        } as never);
        const slicer = await proxy.addToxic({
          name: `slicer_${i}`,
          type: 'slicer',
          stream,
          attributes: { average_size: 500 },
        } as never);
        await latency.update({ attributes: { latency: 1, jitter: 1 } } as never);
        await latency.remove();
        await slicer.remove();
      }
    })();
    socket.write(payload);
    socket.write(payload);
    const received = await reading;
    running = false;
    await churn;
    socket.destroy();
    expect(digest(received)).toBe(digest(Buffer.concat([payload, payload])));
  });
});

// Toxicity: the share of connections a toxic affects, rolled once per connection from the
// server's seed — so 0 never, 1 always, 0.5 about half, and the same seed the same connections.
import { afterEach, describe, expect, it } from 'vitest';
import type { Toxiproxy } from 'toxiproxy-node-client';
import {
  closeAll,
  connect,
  createTestProxy,
  readUntilClosed,
  startEchoServer,
  startTestToxiproxy,
} from './testing/fixtures.ts';

afterEach(closeAll);

const CONNECTIONS = 40;

/** A limit_data of 0 bytes closes an affected connection on its first byte; others echo it. */
async function affectedPattern(client: Toxiproxy, toxicity: number): Promise<boolean[]> {
  const echo = await startEchoServer();
  const { proxy, port } = await createTestProxy(client, echo.port);
  await proxy.addToxic({ type: 'limit_data', stream: 'upstream', toxicity, attributes: { bytes: 0 } } as never);
  const pattern: boolean[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const socket = await connect(port);
    const reading = new Promise<boolean>((resolve) => {
      socket.once('data', () => resolve(false));
      socket.once('end', () => resolve(true));
      socket.once('close', () => resolve(true));
    });
    socket.write('x');
    pattern.push(await reading);
    socket.destroy();
  }
  return pattern;
}

describe('toxicity', () => {
  it('0 affects no connection and 1 affects every one', async () => {
    const { client } = await startTestToxiproxy(7);
    expect((await affectedPattern(client, 0)).filter(Boolean)).toHaveLength(0);
    const { client: other } = await startTestToxiproxy(7);
    expect((await affectedPattern(other, 1)).filter(Boolean)).toHaveLength(CONNECTIONS);
  });

  it('0.5 affects about half the connections, the same ones for the same seed', async () => {
    const first = await affectedPattern((await startTestToxiproxy(1234)).client, 0.5);
    const affected = first.filter(Boolean).length;
    expect(affected).toBeGreaterThan(CONNECTIONS * 0.25);
    expect(affected).toBeLessThan(CONNECTIONS * 0.75);
    const again = await affectedPattern((await startTestToxiproxy(1234)).client, 0.5);
    expect(again).toEqual(first);
    const otherSeed = await affectedPattern((await startTestToxiproxy(4321)).client, 0.5);
    expect(otherSeed).not.toEqual(first);
  });

  it('a toxicity change reaches open connections (the roll is kept, not redrawn)', async () => {
    const { client } = await startTestToxiproxy(99);
    const echo = await startEchoServer();
    const { proxy, port } = await createTestProxy(client, echo.port);
    const toxic = await proxy.addToxic({
      type: 'limit_data',
      stream: 'upstream',
      toxicity: 0,
      attributes: { bytes: 0 },
    } as never);
    const socket = await connect(port);
    const ending = readUntilClosed(socket, 3_000);
    await toxic.update({ toxicity: 1 } as never);
    socket.write('x');
    expect(await ending).toMatchObject({ kind: 'end', data: Buffer.alloc(0) });
  });
});

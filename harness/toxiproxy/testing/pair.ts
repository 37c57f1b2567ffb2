// A client connected through a proxy to a server whose side of the connection the test holds,
// so each direction can be written, read and timed on its own.
import type net from 'node:net';
import type { Proxy, Toxiproxy } from 'toxiproxy-node-client';
import { connect, createTestProxy, readBytes, startTcpServer, performance } from './fixtures.ts';

export interface ProxiedPair {
  proxy: Proxy;
  proxyPort: number;
  client: net.Socket;
  server: net.Socket;
  /** Opens another client → server pair through the same proxy. */
  reconnect(): Promise<{ client: net.Socket; server: net.Socket }>;
}

export async function openProxiedPair(toxiproxy: Toxiproxy, name = 'pair'): Promise<ProxiedPair> {
  const upstream = await startTcpServer();
  const { proxy, port } = await createTestProxy(toxiproxy, upstream.port, name);
  const reconnect = async () => {
    const client = await connect(port);
    const server = await upstream.nextConnection();
    return { client, server };
  };
  const { client, server } = await reconnect();
  return { proxy, proxyPort: port, client, server, reconnect };
}

/** Writes `data` on `from` and measures how long until all of it arrived on `to`. */
export async function timeTransfer(
  from: net.Socket,
  to: net.Socket,
  data: Buffer,
  timeoutMs = 10_000,
): Promise<{ elapsedMs: number; received: Buffer }> {
  const startMs = performance.now();
  const reading = readBytes(to, data.length, timeoutMs);
  from.write(data);
  const received = await reading;
  return { elapsedMs: performance.now() - startMs, received };
}

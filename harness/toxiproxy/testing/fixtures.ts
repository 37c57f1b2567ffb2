// Test fixtures for the embedded Toxiproxy server: a server with the real client, TCP servers to
// proxy to, and socket helpers that observe what a client would (bytes, EOF, ECONNRESET, timing).
// Everything started here is tracked and closed by `closeAll()` (call it in afterEach/afterAll).
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { Toxiproxy, type Proxy } from 'toxiproxy-node-client';
import { startToxiproxyServer, type StartedToxiproxyServer } from '../server.ts';

const cleanups: Array<() => Promise<void> | void> = [];

export async function closeAll(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

export interface TestToxiproxy {
  server: StartedToxiproxyServer;
  client: Toxiproxy;
}

export async function startTestToxiproxy(seed = 42): Promise<TestToxiproxy> {
  const server = await startToxiproxyServer({ port: 0, seed });
  cleanups.push(() => server.stop());
  return { server, client: new Toxiproxy(server.url) };
}

export interface TestTcpServer {
  port: number;
  /** Server-side sockets, in the order they connected. */
  accepted: net.Socket[];
  /** Resolves with the next server-side socket (or one already accepted and not yet taken). */
  nextConnection(): Promise<net.Socket>;
  close(): Promise<void>;
}

/** A TCP server; `handle` decides what it does with each connection (nothing, by default). */
export async function startTcpServer(handle: (socket: net.Socket) => void = () => {}): Promise<TestTcpServer> {
  const accepted: net.Socket[] = [];
  let taken = 0;
  const waiters: Array<(socket: net.Socket) => void> = [];
  const server = net.createServer({ allowHalfOpen: false }, (socket) => {
    socket.on('error', () => {});
    accepted.push(socket);
    handle(socket);
    const waiter = waiters.shift();
    if (waiter !== undefined) {
      taken++;
      waiter(socket);
    }
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const close = async (): Promise<void> => {
    for (const socket of accepted) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  cleanups.push(close);
  return {
    port: (server.address() as net.AddressInfo).port,
    accepted,
    nextConnection: () =>
      taken < accepted.length ? Promise.resolve(accepted[taken++]!) : new Promise((resolve) => waiters.push(resolve)),
    close,
  };
}

export function startEchoServer(): Promise<TestTcpServer> {
  return startTcpServer((socket) => socket.pipe(socket));
}

/** A proxy to 127.0.0.1:upstreamPort on a free port; returns the proxy and its port. */
export async function createTestProxy(
  client: Toxiproxy,
  upstreamPort: number,
  name = 'test',
): Promise<{ proxy: Proxy; port: number }> {
  const proxy = await client.createProxy({ name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstreamPort}` });
  return { proxy, port: Number(proxy.listen.split(':').pop()) };
}

export function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.on('error', () => {});
      resolve(socket);
    });
    socket.once('error', reject);
    cleanups.push(() => {
      socket.destroy();
    });
  });
}

/** Reads exactly `bytes` bytes (consuming any surplus); rejects on timeout or close first. */
export function readBytes(socket: net.Socket, bytes: number, timeoutMs = 5_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const timer = setTimeout(
      () => finish(new Error(`read ${received} of ${bytes} bytes within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      received += chunk.length;
      if (received >= bytes) finish();
    };
    const onClose = (): void => finish(new Error(`socket closed after ${received} of ${bytes} bytes`));
    function finish(error?: Error): void {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('end', onClose);
      socket.pause();
      if (error !== undefined) reject(error);
      else resolve(Buffer.concat(chunks).subarray(0, bytes));
    }
    socket.on('data', onData);
    socket.once('end', onClose);
    socket.once('close', onClose);
    socket.resume();
  });
}

export interface Ending {
  /** `end`: the peer closed (FIN); `error`: the socket failed, see `code`; `timeout`: still open. */
  kind: 'end' | 'error' | 'timeout';
  code?: string;
  /** performance.now() when it happened. */
  atMs: number;
  /** Everything read until then. */
  data: Buffer;
  /** How many reads delivered `data`. */
  reads: number;
}

/** Reads until the connection ends, fails, or `timeoutMs` passes. */
export function readUntilClosed(socket: net.Socket, timeoutMs = 5_000): Promise<Ending> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const finish = (kind: Ending['kind'], code?: string): void => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      resolve({ kind, code, atMs: performance.now(), data: Buffer.concat(chunks), reads: chunks.length });
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.on('data', onData);
    socket.once('end', () => finish('end'));
    socket.once('error', (error: NodeJS.ErrnoException) => finish('error', error.code));
    socket.once('close', () => finish('end'));
    socket.resume();
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export { performance };

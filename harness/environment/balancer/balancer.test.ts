// The balancer against real HTTP servers: round-robin over the healthy ones, an instance whose
// readiness answers 503 taken out and put back once it answers 200, a closed instance answered 502
// (never retried), 503 from the balancer with none in rotation, and a Socket.IO WebSocket passing
// through to an instance.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadBalancer, type RotationChange } from './balancer.ts';
import { ejectionBoundMs } from './health-check.ts';

interface Instance {
  name: string;
  server: http.Server;
  port: number;
  ready: boolean;
  io: SocketServer;
}

async function startInstance(name: string): Promise<Instance> {
  const instance = { name, ready: true } as Instance;
  instance.server = http.createServer((request, response) => {
    if (request.url === '/ready') {
      response.writeHead(instance.ready ? 200 : 503).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain' }).end(name);
  });
  instance.io = new SocketServer(instance.server);
  instance.io.on('connection', (socket) => socket.on('who', (ack: (name: string) => void) => ack(name)));
  await new Promise<void>((resolve) => instance.server.listen(0, '127.0.0.1', resolve));
  instance.port = (instance.server.address() as AddressInfo).port;
  return instance;
}

const HEALTH = { path: '/ready', intervalMs: 50, timeoutMs: 200, unhealthyThreshold: 2, healthyThreshold: 2 };
const WAIT_MS = ejectionBoundMs(HEALTH) * 4;

let instances: Instance[] = [];
let balancer: LoadBalancer | undefined;
afterEach(async () => {
  await balancer?.stop();
  for (const instance of instances) {
    await new Promise<void>((resolve) => void instance.io.close(() => resolve()));
  }
  balancer = undefined;
  instances = [];
});

async function setUp(changes: RotationChange[] = []): Promise<LoadBalancer> {
  instances = [await startInstance('a'), await startInstance('b')];
  balancer = await LoadBalancer.start({
    targets: instances.map((instance, index) => ({ instance: index, host: '127.0.0.1', port: instance.port })),
    healthCheck: HEALTH,
    onChange: (change) => changes.push(change),
  });
  await balancer.waitUntilHealthy(0, WAIT_MS);
  await balancer.waitUntilHealthy(1, WAIT_MS);
  return balancer;
}

async function names(url: string, count: number): Promise<string[]> {
  const answers: string[] = [];
  for (let index = 0; index < count; index++) answers.push(await (await fetch(`${url}/who`)).text());
  return answers;
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('LoadBalancer', () => {
  it('spreads requests round-robin over the healthy instances', async () => {
    const lb = await setUp();
    const answers = await names(lb.url, 10);
    expect(answers.filter((name) => name === 'a')).toHaveLength(5);
    expect(answers.filter((name) => name === 'b')).toHaveLength(5);
  });

  it('takes out an instance whose readiness answers 503, and puts it back once it answers 200', async () => {
    const changes: RotationChange[] = [];
    const lb = await setUp(changes);
    (instances[1] as Instance).ready = false;
    await until(() => lb.healthy().length === 1);
    expect(lb.healthy()).toEqual([0]);
    expect(changes).toContainEqual({ instance: 1, healthy: false, reason: 'HTTP 503' });
    expect(new Set(await names(lb.url, 6))).toEqual(new Set(['a']));

    (instances[1] as Instance).ready = true;
    await lb.waitUntilHealthy(1, WAIT_MS);
    expect(changes.at(-1)).toEqual({ instance: 1, healthy: true, reason: 'HTTP 200' });
    expect(new Set(await names(lb.url, 6))).toEqual(new Set(['a', 'b']));
  });

  it('answers 502 for a request sent to an instance that closed its listener (no retry)', async () => {
    const lb = await setUp();
    const b = instances[1] as Instance;
    await new Promise<void>((resolve) => void b.io.close(() => resolve()));
    const statuses: number[] = [];
    for (let index = 0; index < 4; index++) statuses.push((await fetch(`${lb.url}/who`)).status);
    // Until the checks take b out, every other request meets its closed port.
    expect(statuses.filter((status) => status === 502).length).toBeGreaterThan(0);
    await until(() => lb.healthy().length === 1);
    expect(new Set(await names(lb.url, 4))).toEqual(new Set(['a']));
  });

  it("holds an instance ready after a restart only on checks sent since, not on the old process's", async () => {
    const lb = await setUp();
    const sinceMs = Date.now();
    // Already healthy, but on answers from before: the wait takes two fresh checks an interval apart.
    await lb.waitUntilHealthy(0, WAIT_MS, sinceMs);
    expect(Date.now() - sinceMs).toBeGreaterThanOrEqual(HEALTH.intervalMs);
  });

  it('answers 503 itself while no instance is in rotation', async () => {
    const lb = await setUp();
    for (const instance of instances) instance.ready = false;
    await until(() => lb.healthy().length === 0);
    const response = await fetch(`${lb.url}/who`);
    expect(response.status).toBe(503);
    expect(response.headers.get('x-faultline-balancer')).toBe('no-healthy-instance');
  });

  it('passes a WebSocket upgrade through to an instance (Socket.IO over websocket only)', async () => {
    const lb = await setUp();
    const socket = connect(lb.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      expect(socket.io.engine.transport.name).toBe('websocket');
      expect(['a', 'b']).toContain(await socket.timeout(2_000).emitWithAck('who'));
    } finally {
      socket.close();
    }
  });
});

// The Socket.IO session of the load, recorded against a real in-process Socket.IO server: each way a
// session can be answered (acked, refused at the handshake, an error acknowledgement) and each way it
// can go unanswered (no acknowledgement in time, the server dropping the socket, nothing listening),
// then the builtin engine running a mix with chat sessions, deterministically from the seed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimelineRecorder } from '../timeline/recorder.ts';
import { BuiltinLoadEngine } from './builtin-engine.ts';
import { constantProfile, mixOf, testContext } from './fixtures.ts';
import { RequestFactory } from './request-factory.ts';
import { runSocketSession } from './socket-session.ts';
import type { SocketSessionSpec } from './types.ts';

type Ack = (response: unknown) => void;

let url = '';
let io: Server;
let httpServer: http.Server;

beforeAll(async () => {
  httpServer = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  io = new Server(httpServer);
  // The token says how the server behaves: 'refuse' is refused as the app refuses during an outage.
  io.use((socket, next) =>
    (socket.handshake.auth as { token?: string }).token === 'refuse' ? next(new Error('SERVICE_UNAVAILABLE')) : next(),
  );
  io.on('connection', (socket) => {
    socket.on('chat:join', (_payload: unknown, ack: Ack) => ack({ ok: true }));
    socket.on('chat:send', (payload: { body: string }, ack: Ack) => {
      if (payload.body === 'error')
        ack({ ok: false, error: { code: 'DATABASE_NOT_READY', message: 'the database is reconnecting' } });
      else if (payload.body === 'drop') socket.disconnect(true);
      else if (payload.body !== 'hang') ack({ ok: true, message: { id: 'm1' } });
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await io.close();
  httpServer.closeAllConnections();
});

const origin = performance.now();
const now = (): number => performance.now() - origin;
const session = (token: string, body: string): SocketSessionSpec => ({
  token,
  emits: [
    { event: 'chat:join', payload: { eventId: 'e1' } },
    { event: 'chat:send', payload: { eventId: 'e1', body } },
  ],
});

describe('runSocketSession', () => {
  it('records a session whose every event was acknowledged as acked, with when it was admitted', async () => {
    const startedAtMs = now();
    const answer = await runSocketSession(url, session('t', 'hello'), 5_000, now);
    expect(answer).toMatchObject({ status: null, errorClass: null, errorCode: null });
    expect(answer.socket).toMatchObject({ outcome: 'acked', step: 'chat:send' });
    expect(answer.socket?.admittedAtMs).toBeGreaterThanOrEqual(startedAtMs);
    expect(answer.socket?.admittedAtMs).toBeLessThanOrEqual(answer.endedAtMs);
  });

  it("records a refused handshake with the server's reason", async () => {
    const answer = await runSocketSession(url, session('refuse', 'hello'), 5_000, now);
    expect(answer).toMatchObject({ status: null, errorClass: null, errorCode: 'SERVICE_UNAVAILABLE' });
    expect(answer.socket).toEqual({ outcome: 'refused', step: 'connect' });
  });

  it('records an error acknowledgement with its code and the event that got it', async () => {
    const answer = await runSocketSession(url, session('t', 'error'), 5_000, now);
    expect(answer).toMatchObject({ errorClass: null, errorCode: 'DATABASE_NOT_READY' });
    expect(answer.socket).toMatchObject({ outcome: 'error-ack', step: 'chat:send' });
  });

  it('records no answer within the timeout as a timeout, with no outcome', async () => {
    const startedAtMs = now();
    const answer = await runSocketSession(url, session('t', 'hang'), 400, now);
    expect(answer).toMatchObject({ status: null, errorClass: 'timeout', errorCode: null });
    expect(answer.socket).toBeUndefined();
    expect(answer.endedAtMs - startedAtMs).toBeGreaterThanOrEqual(399);
  });

  it('records a socket the server dropped before acknowledging as a reset', async () => {
    const answer = await runSocketSession(url, session('t', 'drop'), 5_000, now);
    expect(answer).toMatchObject({ status: null, errorClass: 'ECONNRESET' });
    expect(answer.errorMessage).toContain('chat:send');
    expect(answer.socket).toBeUndefined();
  });

  it('records a handshake nothing listened for as a refused connection, not as a refusal by the app', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const answer = await runSocketSession(`http://127.0.0.1:${port}`, session('t', 'hello'), 5_000, now);
    expect(answer).toMatchObject({ status: null, errorClass: 'ECONNREFUSED' });
    expect(answer.socket).toBeUndefined();
  });
});

describe('the builtin engine with chat sessions in the mix', () => {
  const mix = mixOf({ 'events.list': 1, 'chat.session': 1 });

  it('records one socket sample per session beside the HTTP samples', async () => {
    const recorder = new TimelineRecorder({ runId: 'socket-engine-test', seed: 1, clock: { now } });
    await new BuiltinLoadEngine().run(constantProfile(20, 1_000, { mix }), testContext({ appUrl: url }), recorder);
    const { samples } = recorder.finish();
    const sockets = samples.filter((sample) => sample.kind === 'socket');
    expect(samples).toHaveLength(20);
    expect(sockets.length).toBeGreaterThan(0);
    expect(sockets.length).toBeLessThan(20);
    for (const sample of sockets)
      expect(sample).toMatchObject({
        method: 'SOCKET',
        template: 'chat.session',
        status: null,
        errorClass: null,
        socket: { outcome: 'acked', step: 'chat:send' },
      });
    expect(samples.filter((sample) => sample.kind !== 'socket').every((sample) => sample.status === 200)).toBe(true);
  });

  it('builds the same sessions from the same seed', async () => {
    const build = async (): Promise<[string, unknown][]> => {
      const factory = RequestFactory.create(testContext(), mix);
      return Array.from({ length: 30 }, () => factory.next()).map((spec): [string, unknown] => [
        spec.template,
        spec.session?.emits,
      ]);
    };
    const [first, second] = [await build(), await build()];
    expect(first).toEqual(second);
    expect(first.some(([template]) => template === 'chat.session')).toBe(true);
  });
});

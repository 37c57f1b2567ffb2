// A held Socket.IO session (SocketSessionSpec.hold) against a real in-process Socket.IO server: it
// stays connected after its last acknowledgement until the load lets it go, and it says when it
// closed and whether the server dropped it first; the builtin engine releases every held session
// when its schedule ends, so a run with held sockets still finishes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimelineRecorder } from '../timeline/recorder.ts';
import { BuiltinLoadEngine } from './builtin-engine.ts';
import { constantProfile, mixOf, testContext, TEST_REQUESTS } from './fixtures.ts';
import { runSocketSession } from './socket-session.ts';
import type { SocketSessionSpec } from './types.ts';

type Ack = (response: unknown) => void;

let url = '';
let io: Server;
let httpServer: http.Server;
/** Sockets connected to the server now. */
const connected = (): number => io.of('/').sockets.size;

beforeAll(async () => {
  httpServer = http.createServer();
  io = new Server(httpServer);
  io.on('connection', (socket) => {
    socket.on('chat:join', (payload: { eventId: string }, ack: Ack) => {
      ack({ ok: true });
      // 'doomed': the server drops it a little later, as a killed instance's sockets drop.
      if (payload.eventId === 'doomed') setTimeout(() => socket.disconnect(true), 100);
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
const held = (eventId: string): SocketSessionSpec => ({
  token: 't',
  emits: [{ event: 'chat:join', payload: { eventId } }],
  hold: true,
});

describe('a held socket session', () => {
  it('stays connected until released, then says when it closed and that nobody dropped it', async () => {
    const release = new AbortController();
    const answer = runSocketSession(url, held('e1'), 5_000, now, release.signal);
    await expect.poll(connected).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connected()).toBe(1);
    const releasedAtMs = now();
    release.abort();
    const { socket, endedAtMs } = await answer;
    expect(socket).toMatchObject({ outcome: 'acked', step: 'chat:join', dropped: false });
    expect(socket?.heldAtMs).toBeLessThan(releasedAtMs - 150);
    expect(socket?.closedAtMs).toBeGreaterThanOrEqual(releasedAtMs);
    expect(endedAtMs).toBe(socket?.closedAtMs);
    await expect.poll(connected).toBe(0);
  });

  it('says it was dropped when the server closed it first', async () => {
    const release = new AbortController();
    const { socket } = await runSocketSession(url, held('doomed'), 5_000, now, release.signal);
    expect(release.signal.aborted).toBe(false);
    expect(socket).toMatchObject({ outcome: 'acked', dropped: true });
    expect((socket?.closedAtMs ?? 0) - (socket?.heldAtMs ?? 0)).toBeGreaterThanOrEqual(90);
  });

  it('is not held when it was not acknowledged (nothing to hold)', async () => {
    const { socket } = await runSocketSession(
      url,
      { token: 't', emits: [{ event: 'unknown', payload: {} }], hold: true },
      300,
      now,
    );
    expect(socket).toBeUndefined();
  });

  it('is released by the builtin engine when its schedule ends', async () => {
    const requests = {
      ...TEST_REQUESTS,
      'chat.held': {
        kind: 'socket' as const,
        build: () => ({ method: 'SOCKET' as const, path: '/', session: held('e2') }),
      },
    };
    const recorder = new TimelineRecorder({ runId: 'held-engine-test', seed: 1, clock: { now } });
    const profile = constantProfile(10, 500, { mix: mixOf({ 'chat.held': 1 }) });
    await new BuiltinLoadEngine().run(profile, testContext({ appUrl: url, requests }), recorder);
    const { samples, markers } = recorder.finish();
    const loadEnd = markers.find((marker) => marker.name === 'load-end')?.atMs ?? 0;
    expect(samples.length).toBe(5);
    for (const { socket } of samples) {
      expect(socket).toMatchObject({ outcome: 'acked', dropped: false });
      expect(socket?.closedAtMs).toBeGreaterThanOrEqual(400);
      expect(socket?.closedAtMs).toBeLessThanOrEqual(loadEnd);
    }
    await expect.poll(connected).toBe(0);
  });
});

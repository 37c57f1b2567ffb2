// The builtin engine against a real local HTTP server. Assertions are counts with generous bounds,
// never exact timings: these machines are shared and noisy.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TimelineRecorder } from '../timeline/recorder.ts';
import type { Timeline } from '../timeline/types.ts';
import { BuiltinLoadEngine, errorCodeOf } from './builtin-engine.ts';
import { constantProfile, mixOf, testContext } from './fixtures.ts';
import type { LoadProfile } from './types.ts';

interface TestServer {
  url: string;
  maxConcurrent: number;
  received: number;
  close(): Promise<void>;
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A server that answers after `delayMs`; the handler may take over for some paths. */
async function startServer(
  delayMs = 0,
  handler?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean,
): Promise<TestServer> {
  let concurrent = 0;
  const state = { maxConcurrent: 0, received: 0 };
  const server = http.createServer((req, res) => {
    state.received++;
    concurrent++;
    state.maxConcurrent = Math.max(state.maxConcurrent, concurrent);
    res.on('close', () => concurrent--);
    req.resume();
    if (handler?.(req, res) === true) return;
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}'), delayMs);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const testServer: TestServer = {
    url: `http://127.0.0.1:${port}`,
    get maxConcurrent() {
      return state.maxConcurrent;
    },
    get received() {
      return state.received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(testServer);
  return testServer;
}

async function runLoad(url: string, profile: LoadProfile, signal?: AbortSignal): Promise<Timeline> {
  const origin = performance.now();
  const recorder = new TimelineRecorder({
    runId: 'engine-test',
    seed: 1,
    clock: { now: () => performance.now() - origin },
  });
  await new BuiltinLoadEngine().run(profile, testContext({ appUrl: url }), recorder, signal);
  return recorder.finish();
}

const marker = (timeline: Timeline, name: string): number =>
  timeline.markers.find((m) => m.name === name)?.atMs ?? Number.NaN;

describe('BuiltinLoadEngine', () => {
  it('achieves the scheduled arrival rate: 200 req/s for 3 s → 600 requests, ≥ 90% answered on time', async () => {
    const server = await startServer();
    const timeline = await runLoad(server.url, constantProfile(200, 3_000));
    const start = marker(timeline, 'load-start');
    expect(timeline.samples).toHaveLength(600);
    // Sent within the 3 s window (plus a generous half second for a busy machine), and answered.
    const onTime = timeline.samples.filter((s) => s.status === 200 && s.startedAtMs - start < 3_500);
    expect(onTime.length).toBeGreaterThanOrEqual(540);
    expect(server.received).toBeGreaterThanOrEqual(540);
    // Scheduled times are the ideal schedule: evenly 5 ms apart from the load start.
    expect(timeline.samples[1]!.scheduledAtMs - timeline.samples[0]!.scheduledAtMs).toBeCloseTo(5, 6);
    expect(new Set(timeline.samples.map((s) => s.id)).size).toBe(600);
    // Never early: a request leaves at or after its scheduled time.
    expect(timeline.samples.every((s) => s.startedAtMs >= s.scheduledAtMs)).toBe(true);
    expect(timeline.samples[0]).toMatchObject({
      method: 'GET',
      routeTemplate: '/events',
      template: 'events.list',
      kind: 'read',
      errorClass: null,
    });
  });

  it('keeps the schedule when responses are slow (500 ms): an open model', async () => {
    const server = await startServer(500);
    const timeline = await runLoad(server.url, constantProfile(100, 2_000));
    const start = marker(timeline, 'load-start');
    expect(timeline.samples).toHaveLength(200);
    // A closed model would need 200 × 500 ms; here every request leaves within the 2 s schedule + slack.
    const sentInTime = timeline.samples.filter((s) => s.errorClass !== 'dropped' && s.startedAtMs - start < 2_600);
    expect(sentInTime.length).toBeGreaterThanOrEqual(180);
    expect(timeline.samples.filter((s) => s.status === 200).length).toBeGreaterThanOrEqual(180);
    // Latency is measured, not absorbed into the schedule.
    const latencies = timeline.samples.filter((s) => s.status === 200).map((s) => s.endedAtMs - s.startedAtMs);
    expect(Math.min(...latencies)).toBeGreaterThanOrEqual(450);
  });

  it('honours maxInFlight: excess arrivals are dropped, recorded, and never sent', async () => {
    const server = await startServer(500);
    const timeline = await runLoad(server.url, constantProfile(100, 2_000, { maxInFlight: 10 }));
    const dropped = timeline.samples.filter((s) => s.errorClass === 'dropped');
    const sent = timeline.samples.filter((s) => s.errorClass !== 'dropped');
    expect(timeline.samples).toHaveLength(200);
    expect(server.maxConcurrent).toBeLessThanOrEqual(10);
    // ~10 in flight for 500 ms each over 2 s → roughly 40 sent; allow a wide margin either way.
    expect(sent.length).toBeGreaterThanOrEqual(20);
    expect(dropped.length).toBeGreaterThanOrEqual(100);
    expect(timeline.inFlightCaps).toHaveLength(dropped.length);
    expect(timeline.inFlightCaps.every((cap) => cap.inFlight === 10 && cap.maxInFlight === 10)).toBe(true);
    expect(dropped[0]).toMatchObject({ status: null, errorCode: null });
    expect(server.received).toBe(sent.length);
  });

  it('records status, error code, Retry-After and client keys; classifies timeouts', async () => {
    const server = await startServer(0, (req, res) => {
      if (req.method === 'POST') {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '2' });
        res.end(JSON.stringify({ error: { code: 'DATABASE_UNAVAILABLE', message: 'db down', requestId: 'r' } }));
        return true;
      }
      if (req.method === 'GET' && req.url?.startsWith('/events/')) return true; // a record read never answers
      return false;
    });
    // A generous timeout: only the never-answering route may reach it, even on a stalled machine.
    const profile = constantProfile(50, 1_000, {
      timeoutMs: 2_000,
      mix: mixOf({ 'tickets.create': 1, 'events.get': 1, 'events.list': 1 }),
    });
    const timeline = await runLoad(server.url, profile);
    const writes = timeline.samples.filter((s) => s.kind === 'write');
    expect(writes.length).toBeGreaterThan(5);
    for (const write of writes) {
      expect(write).toMatchObject({ status: 503, errorCode: 'DATABASE_UNAVAILABLE', retryAfter: '2', method: 'POST' });
      expect(write.clientKey).toMatch(/^run-2026-11-28-\d+$/);
    }
    const hung = timeline.samples.filter((s) => s.template === 'events.get');
    expect(hung.length).toBeGreaterThan(5);
    for (const sample of hung) {
      expect(sample).toMatchObject({ status: null, errorClass: 'timeout' });
      expect(sample.endedAtMs - sample.startedAtMs).toBeGreaterThanOrEqual(1_950);
    }
    expect(
      timeline.samples
        .filter((s) => s.template === 'events.list')
        .every((s) => s.status === 200 && s.errorCode === null),
    ).toBe(true);
  });

  it('records connection refused when nothing listens', async () => {
    const server = await startServer();
    const url = server.url;
    await servers.pop()!.close();
    const timeline = await runLoad(url, constantProfile(50, 400));
    expect(timeline.samples).toHaveLength(20);
    expect(timeline.samples.every((s) => s.status === null && s.errorClass === 'ECONNREFUSED')).toBe(true);
  });

  it('stops scheduling when aborted and still records what it sent', async () => {
    const server = await startServer();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const timeline = await runLoad(server.url, constantProfile(100, 10_000), controller.signal);
    expect(timeline.samples.length).toBeGreaterThan(10);
    expect(timeline.samples.length).toBeLessThan(500);
    expect(timeline.markers.find((m) => m.name === 'load-end')?.details).toMatchObject({ aborted: true });
  });
});

describe('errorCodeOf', () => {
  it('reads error.code from an error body, null otherwise', () => {
    expect(errorCodeOf('{"error":{"code":"NOT_FOUND","message":"x","requestId":"r"}}')).toBe('NOT_FOUND');
    expect(errorCodeOf('<html>')).toBeNull();
    expect(errorCodeOf('{"error":"string"}')).toBeNull();
    expect(errorCodeOf('null')).toBeNull();
  });
});

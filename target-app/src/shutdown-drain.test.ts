// The shutdown as a real process behind a load balancer: on SIGTERM readiness (/health/ready and
// /health/detailed) answers 503 at once,
// the app keeps serving new and in-flight requests for SHUTDOWN_DRAIN_MS, then closes its listener
// and exits 0. With the `no-drain` defect the listener closes at once and an in-flight request is cut.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { spawnApp, type AppProcess } from '../test/process.ts';
import { ownPostgres, testEnv } from '../test/support.ts';

const DRAIN_MS = 1_500;
const postgres = ownPostgres();

/** A request whose body has not all arrived: in flight until `finish()` sends the rest. */
function inFlightRequest(port: number): Promise<{ answer: Promise<string>; finish: () => void }> {
  const body = JSON.stringify({ email: 'nobody@example.com', password: 'not-the-password' });
  const socket = net.connect({ host: '127.0.0.1', port });
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
  const answer = new Promise<string>((resolve) => {
    socket.once('close', () => resolve(received));
    socket.once('error', () => undefined);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(
        `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
      );
      resolve({ answer, finish: () => socket.write(body.slice(5)) });
    });
  });
}

async function readiness(app: AppProcess, path = 'health/ready'): Promise<number | string> {
  try {
    return (await fetch(`${app.url()}/api/v1/${path}`)).status;
  } catch (error) {
    return ((error as Error).cause as { code?: string })?.code ?? 'error';
  }
}

async function startApp(env: Record<string, string>): Promise<AppProcess> {
  const app = spawnApp(testEnv(postgres().url('app'), { SHUTDOWN_DRAIN_MS: String(DRAIN_MS), ...env }));
  await app.waitForLog((line) => line.event === 'http.listening');
  expect(await readiness(app)).toBe(200);
  return app;
}

describe('SIGTERM with SHUTDOWN_DRAIN_MS', () => {
  it('answers readiness 503 at once, serves new and in-flight requests through the drain, then exits 0', async () => {
    const app = await startApp({});
    try {
      const port = Number(new URL(app.url()).port);
      const held = await inFlightRequest(port);
      const signalledAtMs = Date.now();
      app.child.kill('SIGTERM');
      await app.waitForLog((line) => line.event === 'shutdown.draining');
      // Readiness is down while the listener still answers everything else (the API, unauthenticated: 401).
      expect(await readiness(app)).toBe(503);
      expect(await readiness(app, 'health/detailed')).toBe(503);
      expect((await fetch(`${app.url()}/api/v1/events`)).status).toBe(401);
      held.finish();
      expect(await held.answer).toMatch(/^HTTP\/1\.1 401 /);
      const exit = await app.exited;
      expect(exit.code).toBe(0);
      expect(exit.atMs - signalledAtMs).toBeGreaterThanOrEqual(DRAIN_MS);
      const events = app.logs.map((line) => line.event);
      expect(events.indexOf('shutdown.draining')).toBeLessThan(events.indexOf('shutdown.closing'));
      expect(events).toContain('shutdown.done');
    } finally {
      await app.stop();
    }
  });
});

describe('no-drain', () => {
  it('closes the listener at once: readiness never says 503 and an in-flight request gets no answer', async () => {
    const app = await startApp({ TARGET_APP_DEFECTS: 'no-drain' });
    try {
      const port = Number(new URL(app.url()).port);
      const held = await inFlightRequest(port);
      app.child.kill('SIGTERM');
      expect(await held.answer).toBe('');
      expect((await app.exited).code).toBe(0);
      expect(app.logs.some((line) => line.event === 'shutdown.draining')).toBe(false);
    } finally {
      await app.stop();
    }
  });
});

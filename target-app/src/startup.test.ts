// The startup sequence as a real process: database first (retry with backoff), then services,
// then listen; the deliberate fail-fast exit when the database never comes; config validation;
// graceful shutdown on SIGTERM.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgres } from '../../harness/environment/postgres/embedded-postgres.ts';
import { freePort } from '../../harness/lib/ports.ts';
import { migrate } from '../../prisma/tools/migrate.ts';
import { spawnApp } from '../test/process.ts';
import { ownPostgres, testEnv } from '../test/support.ts';

describe('a database that comes up late', () => {
  let server: EmbeddedPostgres;
  beforeAll(async () => {
    server = await EmbeddedPostgres.start();
    await server.query('CREATE DATABASE app');
    await migrate(server.url('app'));
    await server.stop('fast');
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('is retried with backoff; the app listens only once it is ready, then serves', async () => {
    const app = spawnApp(
      testEnv(server.url('app'), {
        DB_CONNECT_MAX_RETRIES: '10',
        DB_CONNECT_DELAY_MS: '200',
        DB_CONNECT_MAX_DELAY_MS: '1000',
      }),
    );
    try {
      await app.waitForLog((line) => line.event === 'db.connect.retry' && (line.attempt as number) >= 2);
      expect(app.logs.some((line) => line.event === 'http.listening')).toBe(false);
      await server.startAgain();
      await app.waitForLog((line) => line.event === 'http.listening');
      const events = app.logs.map((line) => line.event);
      expect(events.indexOf('db.state')).toBeGreaterThanOrEqual(0);
      const readyAt = app.logs.findIndex((line) => line.event === 'db.state' && line.to === 'ready');
      const listeningAt = app.logs.findIndex((line) => line.event === 'http.listening');
      expect(readyAt).toBeGreaterThanOrEqual(0);
      expect(readyAt).toBeLessThan(listeningAt);
      const health = await fetch(`${app.url()}/api/v1/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'ready' });
      expect((await fetch(`${app.url()}/api/v1/db-check`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});

describe('a database that never comes', () => {
  it('exits 1 after the retry budget with one clear fatal line and no crash trace', async () => {
    const port = await freePort();
    const app = spawnApp(
      testEnv(`postgresql://postgres:postgres@127.0.0.1:${port}/app`, {
        DB_CONNECT_MAX_RETRIES: '3',
        DB_CONNECT_DELAY_MS: '100',
      }),
    );
    const exit = await app.exited;
    expect(exit.code).toBe(1);
    const retries = app.logs.filter((line) => line.event === 'db.connect.retry');
    expect(retries).toHaveLength(4);
    const fatal = app.logs.filter((line) => line.levelName === 'fatal');
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({ event: 'startup.failed', code: 'DATABASE_CONNECT_FAILED' });
    expect(fatal[0]!.msg).toContain('after 4 attempt(s)');
    expect(app.logs.some((line) => line.event === 'http.listening')).toBe(false);
    expect(app.stderr.join('')).toBe('');
    // Backoff: 100 + 200 + 400 ms at most (jitter halves at least) between four attempts.
    expect(exit.atMs - app.startedAtMs).toBeGreaterThan(350);
  });
});

describe('a stop signal while the startup is still retrying', () => {
  it('exits 0 at once with a log line, instead of dying silently or retrying on', async () => {
    const port = await freePort();
    const app = spawnApp(
      testEnv(`postgresql://postgres:postgres@127.0.0.1:${port}/app`, {
        // A budget of minutes: only the signal can end this startup in the time the test waits.
        DB_CONNECT_MAX_RETRIES: '50',
        DB_CONNECT_DELAY_MS: '1000',
        DB_CONNECT_MAX_DELAY_MS: '5000',
      }),
    );
    try {
      await app.waitForLog((line) => line.event === 'db.connect.retry');
      app.child.kill('SIGTERM');
      const exit = await app.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(app.logs.find((line) => line.event === 'shutdown.start')).toMatchObject({
        signal: 'SIGTERM',
        phase: 'startup',
      });
      expect(app.logs.filter((line) => line.event === 'db.connect.retry').length).toBeLessThan(50);
      expect(app.logs.some((line) => line.event === 'http.listening')).toBe(false);
      expect(app.stderr.join('')).toBe('');
    } finally {
      await app.stop();
    }
  });
});

describe('configuration', () => {
  it('exits 1 naming every bad key', async () => {
    const app = spawnApp({ ...testEnv('not a url'), PORT: 'eighty', JWT_SECRET: 'short', DB_POOL_MAX: '0' });
    const exit = await app.exited;
    expect(exit.code).toBe(1);
    const fatal = app.logs.find((line) => line.levelName === 'fatal');
    expect(fatal).toMatchObject({ event: 'startup.failed', reason: 'config' });
    for (const key of ['DATABASE_URL', 'PORT', 'JWT_SECRET', 'DB_POOL_MAX']) expect(fatal!.msg).toContain(key);
  });

  it('exits 1 on an unknown defect name, listing the known ones', async () => {
    const app = spawnApp(
      testEnv('postgresql://postgres:postgres@127.0.0.1:1/app', { TARGET_APP_DEFECTS: 'listen-before-db,made-up' }),
    );
    expect((await app.exited).code).toBe(1);
    const fatal = app.logs.find((line) => line.levelName === 'fatal');
    expect(fatal!.msg).toContain('made-up');
    expect(fatal!.msg).toContain('no-reconnect');
  });
});

describe('graceful shutdown', () => {
  const postgres = ownPostgres();

  it('on SIGTERM stops accepting, finishes in-flight requests, closes Prisma and exits 0', async () => {
    const app = spawnApp(testEnv(postgres().url('app')));
    await app.waitForLog((line) => line.event === 'http.listening');
    const url = app.url();
    // A request that is in flight when the signal arrives: its body is still being uploaded.
    const body = JSON.stringify({ name: 'drained' });
    const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let response = '';
    socket.on('data', (chunk: Buffer) => (response += chunk.toString()));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(
      `PATCH /api/v1/users/me HTTP/1.1\r\nHost: app\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 5)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    app.child.kill('SIGTERM');
    await app.waitForLog((line) => line.event === 'shutdown.start');
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.end(body.slice(5));
    await closed;
    const exit = await app.exited;
    expect(exit.code).toBe(0);
    expect(response).toMatch(/^HTTP\/1\.1 401 /);
    expect(app.logs.map((line) => line.event)).toEqual(expect.arrayContaining(['shutdown.start', 'shutdown.done']));
    expect(app.logs.some((line) => line.event === 'db.state' && line.to === 'disconnected')).toBe(true);
    await expect(fetch(`${url}/api/v1/health`)).rejects.toThrow();
  });
});

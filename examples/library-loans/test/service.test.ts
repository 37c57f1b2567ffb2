// The example service against a real PostgreSQL, as a real process: what it answers when healthy,
// during a database outage and at startup, and that each of its bug switches changes exactly that.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgres } from '../../../harness/environment/postgres/embedded-postgres.ts';
import { runScript, startService, waitFor, type RunningService } from './service.ts';

const KEY = { 'x-api-key': 'test-key', 'content-type': 'application/json' };
let postgres: EmbeddedPostgres;
let env: Record<string, string>;
const running: RunningService[] = [];

async function service(extra: Record<string, string> = {}): Promise<RunningService> {
  const started = await startService({ ...env, ...extra });
  running.push(started);
  return started;
}

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

const call = (url: string, init: RequestInit = {}): Promise<Answer> =>
  fetch(url, init).then(async (response) => ({
    status: response.status,
    headers: response.headers,
    body: await response.json().catch(() => null),
  }));

beforeAll(async () => {
  runScript('generate.mjs', ['--if-stale']);
  postgres = await EmbeddedPostgres.start();
  await postgres.query('CREATE DATABASE library');
  env = { LIBRARY_DB: postgres.url('library'), LIBRARY_API_KEY: 'test-key' };
  runScript('database.mjs', ['migrate'], env);
  runScript('database.mjs', ['migrate'], env); // applied once: the second run changes nothing
  runScript('database.mjs', ['seed'], env);
});

afterAll(async () => {
  await Promise.all(running.map((started) => started.stop()));
  await postgres?.destroy();
});

describe('the example service (a second target for the harness)', () => {
  it('serves reads, takes writes once per reference and answers 404 for missing records', async () => {
    const app = await service();
    await waitFor(`${app.url}/readyz`, (status) => status === 200);
    expect((await call(`${app.url}/books?limit=3`)).body).toHaveLength(3);
    const loan = { reference: 'loan-a', bookId: 2, memberId: 3 };
    const first = await call(`${app.url}/loans`, { method: 'POST', headers: KEY, body: JSON.stringify(loan) });
    const again = await call(`${app.url}/loans`, { method: 'POST', headers: KEY, body: JSON.stringify(loan) });
    expect([first.status, again.status, again.body.id]).toEqual([201, 200, first.body.id]);
    for (const [path, method] of [
      ['/books/9999', 'GET'],
      ['/loans/9999/return', 'POST'],
      ['/members/9999', 'DELETE'],
    ]) {
      const answer = await call(`${app.url}${path}`, { method, headers: KEY });
      expect([path, answer.status, answer.body.kind]).toEqual([path, 404, 'not_found']);
    }
    const orphan = { reference: 'loan-b', bookId: 9999, memberId: 3 };
    expect(
      (await call(`${app.url}/loans`, { method: 'POST', headers: KEY, body: JSON.stringify(orphan) })).status,
    ).toBe(404);
    expect((await call(`${app.url}/loans`, { method: 'POST', headers: KEY, body: '{"refer' })).status).toBe(400);
    expect((await call(`${app.url}/loans/1/return`, { method: 'POST' })).status).toBe(401);
  });

  it('p2025-500: a missing record answers 500', async () => {
    const app = await service({ LIBRARY_BUGS: 'p2025-500' });
    await waitFor(`${app.url}/readyz`, (status) => status === 200);
    expect((await call(`${app.url}/loans/9999/return`, { method: 'POST', headers: KEY })).status).toBe(500);
  });

  it('refuses an unknown bug name and gives up on a database it cannot reach, without listening', async () => {
    const unknown = await service({ LIBRARY_BUGS: 'nope' });
    expect(await unknown.exited).toBe(1);
    expect(unknown.lines.join('\n')).toMatch(/level=fatal event=startup.failed .*unknown LIBRARY_BUGS: nope/);
    const unreachable = await service({
      LIBRARY_DB: 'postgresql://postgres:postgres@127.0.0.1:1/library',
      CONNECT_ATTEMPTS: '2',
    });
    expect(await unreachable.exited).toBe(1);
    expect(unreachable.lines.some((line) => line.includes('event=http.listening'))).toBe(false);
    expect(unreachable.lines.at(-1)).toMatch(/level=fatal event=startup.failed/);
  });

  it('listen-early: says ready while it cannot reach its database', async () => {
    const app = await service({
      LIBRARY_DB: 'postgresql://postgres:postgres@127.0.0.1:1/library',
      CONNECT_ATTEMPTS: '50',
      LIBRARY_BUGS: 'listen-early',
    });
    expect(await waitFor(`${app.url}/readyz`, (status) => status !== 0)).toBe(200);
  });

  it('answers 503 with Retry-After while the database is down, says so, and recovers; db-errors-500 answers 500', async () => {
    const healthy = await service();
    const buggy = await service({ LIBRARY_BUGS: 'db-errors-500' });
    await waitFor(`${healthy.url}/readyz`, (status) => status === 200);
    await waitFor(`${buggy.url}/readyz`, (status) => status === 200);
    await postgres.stop('fast');
    const down = await call(`${healthy.url}/books`);
    expect([down.status, down.headers.get('retry-after'), down.body.kind]).toEqual([503, '2', 'unavailable']);
    expect((await call(`${buggy.url}/books`)).status).toBe(500);
    await waitFor(`${healthy.url}/readyz`, (status) => status === 503);
    await postgres.startAgain();
    await waitFor(`${healthy.url}/readyz`, (status) => status === 200);
    expect((await call(`${healthy.url}/books`)).status).toBe(200);
  });
});

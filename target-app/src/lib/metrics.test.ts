// GET /metrics in the Prometheus text format, read the way a scraper reads it, against the real app:
// requests counted by matched route (the pattern, never the id) and status, a latency histogram,
// error responses counted by their mapping, and the database state — through a real outage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgres } from '../../../harness/environment/postgres/embedded-postgres.ts';
import { migrate } from '../../../prisma/tools/migrate.ts';
import { createUser, missingId, startTestApp, waitFor, type TestApp } from '../../test/support.ts';
import { createOwnedEvent } from '../../test/fixtures-events.ts';

let pg: EmbeddedPostgres;
let app: TestApp;
beforeAll(async () => {
  pg = await EmbeddedPostgres.start();
  await pg.query('CREATE DATABASE app');
  await migrate(pg.url('app'));
  app = await startTestApp(pg.url('app'), { DB_PING_INTERVAL_MS: '60000', SERVICE_INIT_TIMEOUT_MS: '15000' });
});
afterAll(async () => {
  await app?.stop();
  await pg?.destroy();
});

async function scrape(): Promise<{ contentType: string | null; samples: Map<string, number> }> {
  const response = await fetch(`${app.url}/metrics`);
  expect(response.status).toBe(200);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return { contentType: response.headers.get('content-type'), samples };
}

describe('GET /metrics', () => {
  it('counts requests by route and status, times them, and counts errors by their mapping', async () => {
    const { event } = await createOwnedEvent(app);
    const { token } = await createUser(app);
    for (let i = 0; i < 3; i += 1) expect((await app.api('GET', `/events/${event.id}`, { token })).status).toBe(200);
    expect((await app.api('GET', `/events/${missingId()}`, { token })).status).toBe(404);
    const body = { email: `metrics-${missingId()}@example.test`, password: 'long enough', name: 'M' };
    expect((await app.api('POST', '/auth/register', { body })).status).toBe(201);
    expect((await app.api('POST', '/auth/register', { body })).status).toBe(409);

    const { contentType, samples } = await scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(samples.get('http_requests_total{method="GET",route="/api/v1/events/:id",status="200"}')).toBe(3);
    expect(samples.get('http_requests_total{method="GET",route="/api/v1/events/:id",status="404"}')).toBe(1);
    expect(
      samples.get('http_request_duration_seconds_count{method="GET",route="/api/v1/events/:id",status_class="2xx"}'),
    ).toBe(3);
    expect(
      samples.get(
        'http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/v1/events/:id",status_class="2xx"}',
      ),
    ).toBe(3);
    expect(samples.get('http_error_responses_total{code="NOT_FOUND",status="404"}')).toBe(1);
    expect(samples.get('http_error_responses_total{code="CONFLICT",status="409"}')).toBe(1);
    expect(samples.get('database_state{state="ready"}')).toBe(1);
    expect([...samples.keys()].some((key) => key.includes(event.id))).toBe(false);
  });

  it('shows the outage: 503s by code, and the database state', async () => {
    const { token } = await createUser(app);
    await pg.stop('immediate');
    expect((await app.api('GET', '/users/me', { token })).status).toBe(503);
    await waitFor(
      async () => (await app.api('GET', '/users/me', { token })).body?.error?.code === 'DATABASE_NOT_READY',
    );

    const { samples } = await scrape();
    expect(samples.get('http_error_responses_total{code="DATABASE_UNAVAILABLE",status="503"}')).toBeGreaterThanOrEqual(
      1,
    );
    expect(samples.get('http_error_responses_total{code="DATABASE_NOT_READY",status="503"}')).toBeGreaterThanOrEqual(1);
    // The readiness gate answers before any route matches.
    expect(samples.get('http_requests_total{method="GET",route="(unmatched)",status="503"}')).toBeGreaterThanOrEqual(1);
    expect(samples.get('database_state{state="ready"}')).toBe(0);
    expect(samples.get('database_state{state="reconnecting"}')).toBe(1);
    expect(samples.get('redis_status{status="disabled"}')).toBe(1);
  });
});

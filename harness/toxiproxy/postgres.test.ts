// A real PostgreSQL client (pg) against a real PostgreSQL server through the embedded proxy:
// queries pass, latency shows up in query time, and down / reset_peer fail the way the
// application must handle (the errors a real Toxiproxy produces, see DESIGN.md).
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Proxy, Toxiproxy } from 'toxiproxy-node-client';
import { EmbeddedPostgres } from '../environment/postgres/embedded-postgres.ts';
import { closeAll, createTestProxy, performance, startTestToxiproxy } from './testing/fixtures.ts';
import { expectDuration } from './testing/timing.ts';

let postgres: EmbeddedPostgres;
let client: Toxiproxy;
let proxy: Proxy;
let proxyPort: number;
const clients: pg.Client[] = [];

beforeAll(async () => {
  postgres = await EmbeddedPostgres.start();
  ({ client } = await startTestToxiproxy());
  ({ proxy, port: proxyPort } = await createTestProxy(client, postgres.port, 'postgres'));
});
afterAll(async () => {
  await closeAll();
  await postgres?.destroy();
});
afterEach(async () => {
  await client.reset();
  for (const pgClient of clients.splice(0)) await pgClient.end().catch(() => undefined);
});

async function connectThroughProxy(): Promise<pg.Client> {
  const pgClient = new pg.Client({
    connectionString: postgres.url('postgres', '127.0.0.1', proxyPort),
    connectionTimeoutMillis: 5_000,
  });
  pgClient.on('error', () => {});
  clients.push(pgClient);
  await pgClient.connect();
  return pgClient;
}

async function timedQuery(pgClient: pg.Client, sql: string): Promise<number> {
  const startMs = performance.now();
  await pgClient.query(sql);
  return performance.now() - startMs;
}

describe('PostgreSQL through the embedded proxy', () => {
  it('runs queries and transfers large results intact', async () => {
    const pgClient = await connectThroughProxy();
    const { rows } = await pgClient.query<{ total: string; text: string }>(
      "SELECT sum(i)::text AS total, string_agg(md5(i::text), '') AS text FROM generate_series(1, 20000) AS i",
    );
    expect(rows[0]?.total).toBe('200010000');
    expect(rows[0]?.text).toHaveLength(20_000 * 32);
  });

  it('adds downstream latency to every query on an open connection', async () => {
    const pgClient = await connectThroughProxy();
    await expectDuration('without toxic', () => timedQuery(pgClient, 'SELECT 1'), { atLeastMs: 0, belowMs: 100 });
    await proxy.addToxic({ type: 'latency', attributes: { latency: 150 } } as never);
    for (let i = 0; i < 3; i++) {
      await expectDuration('with latency', () => timedQuery(pgClient, 'SELECT 1'), {
        atLeastMs: 148,
        belowMs: 150 + 100,
      });
    }
  });

  it('proxy down: the open connection is terminated and new ones are refused; up again: queries work', async () => {
    const pgClient = await connectThroughProxy();
    await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
    await expect(pgClient.query('SELECT 1')).rejects.toThrow(/Connection terminated|not queryable|ECONNRESET/);
    await expect(connectThroughProxy()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await proxy.update({ enabled: true, listen: proxy.listen, upstream: proxy.upstream });
    const fresh = await connectThroughProxy();
    expect((await fresh.query('SELECT 2 AS two')).rows[0]).toEqual({ two: 2 });
  });

  it('reset_peer: the query fails with a reset connection; after removal new connections work', async () => {
    const pgClient = await connectThroughProxy();
    const toxic = await proxy.addToxic({
      type: 'reset_peer',
      stream: 'upstream',
      attributes: { timeout: 50 },
    } as never);
    await expect(pgClient.query('SELECT pg_sleep(0.2)')).rejects.toThrow(
      /ECONNRESET|Connection terminated unexpectedly/,
    );
    await toxic.remove();
    const fresh = await connectThroughProxy();
    expect((await fresh.query('SELECT 3 AS three')).rows[0]).toEqual({ three: 3 });
  });

  it('timeout 0: a query hangs until the client gives up (pg query_timeout)', async () => {
    const pgClient = new pg.Client({
      connectionString: postgres.url('postgres', '127.0.0.1', proxyPort),
      query_timeout: 500,
    });
    pgClient.on('error', () => {});
    clients.push(pgClient);
    await pgClient.connect();
    await proxy.addToxic({ type: 'timeout', attributes: { timeout: 0 } } as never);
    await expect(pgClient.query('SELECT 1')).rejects.toThrow(/Query read timeout/);
  });
});

// The startup schema check against a real PostgreSQL behind the embedded fault proxy: a database
// that is slow or silent while the check runs is a blip, not a wrong schema, so the startup goes on
// (the service marked degraded); a schema that is positively wrong still stops it.
import { Writable } from 'node:stream';
import type { Proxy, Toxiproxy } from 'toxiproxy-node-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { closeAll, createTestProxy, startTestToxiproxy } from '../../../harness/toxiproxy/testing/fixtures.ts';
import { loadConfig } from '../config.ts';
import { schemaIntegration } from './integrations.ts';
import { createLogger } from './logger.ts';
import { Database } from './prisma.ts';
import { CriticalServiceError, ServiceIntegrationManager } from './service-integration-manager.ts';

// A pooled connection is already open when the check runs (the startup connected first), so only
// the query timeout bounds each of the check's two queries. Each query takes LATENCY_MS, well
// within the query timeout; the two together outlive the service timeout (the least config allows).
const CONNECTION_TIMEOUT_MS = 200;
const QUERY_TIMEOUT_MS = 2_000;
const SERVICE_TIMEOUT_MS = CONNECTION_TIMEOUT_MS + QUERY_TIMEOUT_MS;
const LATENCY_MS = 1_300;

let db: TestDatabase;
let toxiproxy: Toxiproxy;
let proxy: Proxy;
let proxyPort: number;
const opened: Database[] = [];

beforeAll(async () => {
  db = await createTestDatabase('schema_check');
  ({ client: toxiproxy } = await startTestToxiproxy());
  ({ proxy, port: proxyPort } = await createTestProxy(toxiproxy, Number(new URL(db.url).port), 'schema-db'));
});
afterEach(async () => {
  await toxiproxy.reset();
  for (const database of opened.splice(0)) await database.disconnect();
});
afterAll(async () => {
  await closeAll();
  await db?.drop();
});

function captureLog(): { logger: ReturnType<typeof createLogger>; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

async function connectedThroughProxy(logger: ReturnType<typeof createLogger>, url = db.url): Promise<Database> {
  const proxied = new URL(url);
  proxied.port = String(proxyPort);
  const database = new Database(
    {
      url: proxied.toString(),
      poolMax: 2,
      connectionTimeoutMs: CONNECTION_TIMEOUT_MS,
      queryTimeoutMs: QUERY_TIMEOUT_MS,
      idleTimeoutMs: 30_000,
      maxDelayMs: 100,
      reconnectIntervalMs: 100,
      // No background ping: these tests drive every query themselves.
      pingIntervalMs: 300_000,
      reconnect: false,
    },
    logger,
  );
  opened.push(database);
  await database.connectToDatabase(0, 10);
  return database;
}

describe('the startup schema check', () => {
  it('is not fatal when the database makes it outlive the service timeout', async () => {
    const { logger, lines } = captureLog();
    const database = await connectedThroughProxy(logger);
    await proxy.addToxic({
      type: 'latency',
      name: 'slow',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: LATENCY_MS, jitter: 0 },
    } as never);
    const manager = new ServiceIntegrationManager(logger, SERVICE_TIMEOUT_MS).register(schemaIntegration(database));
    const health = await manager.initialise();
    expect(health.schema).toMatchObject({ status: 'degraded', lastError: `timed out after ${SERVICE_TIMEOUT_MS} ms` });
    expect(lines).toContainEqual(
      expect.objectContaining({ event: 'service.init', service: 'schema', status: 'degraded' }),
    );
  });

  it('is not fatal when the database goes silent (a black hole) during the check', async () => {
    const { logger } = captureLog();
    const database = await connectedThroughProxy(logger);
    await proxy.addToxic({
      type: 'timeout',
      name: 'blackhole',
      stream: 'downstream',
      toxicity: 1,
      attributes: { timeout: 0 },
    } as never);
    const manager = new ServiceIntegrationManager(logger, SERVICE_TIMEOUT_MS).register(schemaIntegration(database));
    const health = await manager.initialise();
    expect(health.schema?.status).toBe('degraded');
  });

  it('still stops the startup when the schema is positively wrong', async () => {
    const { logger } = captureLog();
    const empty = new URL(db.url);
    empty.pathname = '/postgres';
    const database = await connectedThroughProxy(logger, empty.toString());
    const manager = new ServiceIntegrationManager(logger, SERVICE_TIMEOUT_MS).register(schemaIntegration(database));
    const failure = await manager.initialise().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CriticalServiceError);
    expect((failure as Error).message).toMatch(/migrations were never applied/);
  });
});

describe('the service timeout', () => {
  const base = { DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/app', JWT_SECRET: 'a-secret-of-sixteen-chars' };

  it('is derived from the connection and query timeouts it contains when not given', () => {
    const config = loadConfig({ ...base, DB_CONNECTION_TIMEOUT_MS: '2000', DB_QUERY_TIMEOUT_MS: '3000' });
    expect(config.SERVICE_INIT_TIMEOUT_MS).toBeGreaterThanOrEqual(5_000);
  });

  it('is refused when shorter than a connection wait plus a query', () => {
    expect(() =>
      loadConfig({
        ...base,
        DB_CONNECTION_TIMEOUT_MS: '2000',
        DB_QUERY_TIMEOUT_MS: '3000',
        SERVICE_INIT_TIMEOUT_MS: '3000',
      }),
    ).toThrow(/SERVICE_INIT_TIMEOUT_MS: must be at least DB_CONNECTION_TIMEOUT_MS \+ DB_QUERY_TIMEOUT_MS \(5000 ms\)/);
    expect(loadConfig({ ...base, SERVICE_INIT_TIMEOUT_MS: '5000' }).SERVICE_INIT_TIMEOUT_MS).toBe(5_000);
  });
});

// The one error → HTTP mapping: every class of error the post-mortem names, driven for real where
// a real failure can be had (a closed port, a stopped server, a statement timeout, a missing row).
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { EmbeddedPostgres } from '../../../harness/environment/postgres/embedded-postgres.ts';
import { freePort } from '../../../harness/lib/ports.ts';
import { migrate } from '../../../prisma/tools/migrate.ts';
import { createLogger } from './logger.ts';
import { Database, type DatabaseOptions } from './prisma.ts';
import { classifyDatabaseFailure, mapError } from './error-mapping.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';

const silent = createLogger('silent');

function database(url: string, overrides: Partial<DatabaseOptions> = {}): Database {
  return new Database(
    {
      url,
      poolMax: 2,
      connectionTimeoutMs: 1_000,
      queryTimeoutMs: 1_000,
      idleTimeoutMs: 5_000,
      maxDelayMs: 1_000,
      reconnectIntervalMs: 100,
      reconnect: true,
      pingIntervalMs: 60_000,
      ...overrides,
    },
    silent,
  );
}

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to fail');
}

describe('mapping of error shapes', () => {
  const prismaError = (code: string, meta: Record<string, unknown> = {}) =>
    Object.assign(new Error(`prisma ${code}`), { code, meta, name: 'PrismaClientKnownRequestError' });

  it.each([
    ['P1001 unreachable', prismaError('P1001'), 503, 'DATABASE_UNAVAILABLE'],
    ['P1002 connect timeout', prismaError('P1002'), 503, 'DATABASE_UNAVAILABLE'],
    ['P1008 operation timeout', prismaError('P1008'), 503, 'DATABASE_UNAVAILABLE'],
    ['P1017 connection closed', prismaError('P1017'), 503, 'DATABASE_UNAVAILABLE'],
    [
      'adapter DatabaseNotReachable',
      prismaError('P2010', { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } }),
      503,
      'DATABASE_UNAVAILABLE',
    ],
    [
      'pg "Connection terminated unexpectedly" (no code)',
      new Error('Connection terminated unexpectedly'),
      503,
      'DATABASE_UNAVAILABLE',
    ],
    ['pg "Query read timeout" (no code)', new Error('Query read timeout'), 503, 'DATABASE_UNAVAILABLE'],
    [
      'pg connection timeout',
      new Error('Connection terminated due to connection timeout'),
      503,
      'DATABASE_UNAVAILABLE',
    ],
    ['pool exhausted', new Error('timeout exceeded when trying to connect'), 503, 'DATABASE_UNAVAILABLE'],
    ['ECONNRESET', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 503, 'DATABASE_UNAVAILABLE'],
    [
      '57P01 admin shutdown',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      503,
      'DATABASE_UNAVAILABLE',
    ],
    [
      'wrapped in a cause',
      new Error('outer', { cause: new Error('Connection terminated unexpectedly') }),
      503,
      'DATABASE_UNAVAILABLE',
    ],
    ['P2025 missing record', prismaError('P2025'), 404, 'NOT_FOUND'],
    ['P2002 unique violation', prismaError('P2002'), 409, 'CONFLICT'],
    [
      'Prisma validation',
      Object.assign(new Error('bad arg'), { name: 'PrismaClientValidationError' }),
      400,
      'VALIDATION_FAILED',
    ],
    ['NotFoundError', new NotFoundError('event', 'x'), 404, 'NOT_FOUND'],
    ['ConflictError', new ConflictError('taken'), 409, 'CONFLICT'],
    ['ValidationError', new ValidationError('bad'), 400, 'VALIDATION_FAILED'],
    ['anything else', new TypeError('undefined is not a function'), 500, 'INTERNAL'],
    ['a thrown string', 'boom', 500, 'INTERNAL'],
  ])('%s → %i %s', (_label, error, status, code) => {
    expect(mapError(error)).toMatchObject({ status, code });
  });

  it.each([
    [
      'a statement timeout (57014 via the adapter)',
      prismaError('P2010', { driverAdapterError: { cause: { originalCode: '57014' } } }),
      'timeout',
    ],
    ['pg "Query read timeout"', new Error('Query read timeout'), 'timeout'],
    ['a pool-acquire timeout', new Error('timeout exceeded when trying to connect'), 'timeout'],
    ['P2028', prismaError('P2028'), 'timeout'],
    [
      'a connect that timed out',
      new Error('Connection terminated due to connection timeout', { cause: new Error('timeout') }),
      'connection',
    ],
    ['P1001', prismaError('P1001'), 'connection'],
    ['57P01', Object.assign(new Error('terminating connection'), { code: '57P01' }), 'connection'],
    ['P2025', prismaError('P2025'), undefined],
  ])('%s: %s failure kind %s (only "connection" changes the database state)', (_label, error, kind) => {
    expect(classifyDatabaseFailure(error)).toBe(kind);
  });

  it('maps database errors to 500 only with the db-errors-as-500 defect', () => {
    expect(mapError(prismaError('P1001'), { databaseErrorsAs500: true })).toMatchObject({
      status: 500,
      code: 'INTERNAL',
    });
  });

  it('maps P2025 to 500 only with the unhandled-p2025 defect', () => {
    expect(mapError(prismaError('P2025'), { recordNotFoundAs500: true })).toMatchObject({ status: 500 });
  });
});

describe('real failures from Prisma 7 + adapter-pg', () => {
  let db: TestDatabase;
  let live: Database;
  beforeAll(async () => {
    db = await createTestDatabase('mapping');
    live = database(db.url);
  });
  afterAll(async () => {
    await live?.disconnect();
    await db?.drop();
  });

  it('an update of a missing row is P2025 → 404', async () => {
    const error = await failureOf(() =>
      live.prisma.artist.update({ where: { id: '00000000-0000-4000-8000-000000000000' }, data: { name: 'x' } }),
    );
    expect(mapError(error)).toMatchObject({ status: 404, sourceCode: 'P2025' });
  });

  it('a duplicate unique value is P2002 → 409', async () => {
    const data = { email: 'dup@example.test', name: 'a', passwordHash: 'x' };
    await live.prisma.user.create({ data });
    const error = await failureOf(() => live.prisma.user.create({ data }));
    expect(mapError(error)).toMatchObject({ status: 409, sourceCode: 'P2002' });
  });

  it('an interactive transaction that cannot start in time is P2028 → 503 + a timeout, not an outage', async () => {
    // Both pooled connections are busy: the transaction waits longer than its maxWait.
    const busy = [live.prisma.$executeRaw`SELECT pg_sleep(0.6)`, live.prisma.$executeRaw`SELECT pg_sleep(0.6)`].map(
      (query) => query.then(() => undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const error = await failureOf(() => live.prisma.$transaction(async (tx) => tx.user.count(), { maxWait: 50 }));
    await Promise.all(busy);
    expect(mapError(error)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', sourceCode: 'P2028' });
    expect(classifyDatabaseFailure(error)).toBe('timeout');
  });

  it('an interactive transaction that outlives its timeout is P2028 → 503', async () => {
    const error = await failureOf(() =>
      live.prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_sleep(0.4)`;
          return tx.user.count();
        },
        { timeout: 100 },
      ),
    );
    expect(mapError(error)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', sourceCode: 'P2028' });
  });

  it('a real deadlock is P2034 → 409 (retryable), never 500', async () => {
    const [a, b] = await Promise.all(
      ['deadlock-a', 'deadlock-b'].map((name) => live.prisma.artist.create({ data: { name }, select: { id: true } })),
    );
    const crossing = (first: string, second: string) =>
      live.prisma.$transaction(
        async (tx) => {
          // Detect the deadlock well inside the query timeout (the default is 1 s).
          await tx.$executeRaw`SET LOCAL deadlock_timeout = '100ms'`;
          await tx.artist.update({ where: { id: first }, data: { name: 'locked' } });
          await new Promise((resolve) => setTimeout(resolve, 200));
          await tx.artist.update({ where: { id: second }, data: { name: 'locked' } });
        },
        { timeout: 10_000 },
      );
    const outcomes = await Promise.allSettled([crossing(a!.id, b!.id), crossing(b!.id, a!.id)]);
    const failures = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason);
    // PostgreSQL breaks the cycle by aborting exactly one of the two.
    expect(failures).toHaveLength(1);
    expect(mapError(failures[0])).toMatchObject({ status: 409, code: 'CONFLICT', kind: 'write-conflict' });
  });

  it('a real serialization failure is P2034 → 409', async () => {
    const artist = await live.prisma.artist.create({ data: { name: 'serial' }, select: { id: true } });
    const readThenWrite = () =>
      live.prisma.$transaction(
        async (tx) => {
          await tx.artist.findUniqueOrThrow({ where: { id: artist.id } });
          await new Promise((resolve) => setTimeout(resolve, 200));
          await tx.artist.update({ where: { id: artist.id }, data: { name: 'written' } });
        },
        { isolationLevel: 'Serializable', timeout: 10_000 },
      );
    const outcomes = await Promise.allSettled([readThenWrite(), readThenWrite()]);
    const failures = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason);
    expect(failures).toHaveLength(1);
    expect(mapError(failures[0])).toMatchObject({ status: 409, code: 'CONFLICT', kind: 'write-conflict' });
  });

  it('a statement that outlives the query timeout → 503', async () => {
    const error = await failureOf(() => live.prisma.$queryRaw`SELECT pg_sleep(3)`);
    expect(mapError(error)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
  });

  it('a closed port → 503: P1001 from model queries, P2010 + DatabaseNotReachable from raw ones', async () => {
    const port = await freePort();
    const closed = database(`postgresql://postgres:postgres@127.0.0.1:${port}/postgres`);
    const modelError = await failureOf(() => closed.prisma.user.count());
    const rawError = await failureOf(() => closed.ping());
    await closed.disconnect();
    expect((modelError as { code?: string }).code).toBe('P1001');
    expect(mapError(modelError)).toMatchObject({ status: 503 });
    expect(rawError).toMatchObject({
      code: 'P2010',
      meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } },
    });
    expect(mapError(rawError)).toMatchObject({ status: 503 });
  });

  it('a server that accepts but never answers (black hole) → 503 within the connection timeout', async () => {
    const sockets = new Set<net.Socket>();
    const blackHole = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const port = (blackHole.address() as net.AddressInfo).port;
    const hung = database(`postgresql://postgres:postgres@127.0.0.1:${port}/postgres`);
    const started = Date.now();
    const error = await failureOf(() => hung.ping());
    const elapsedMs = Date.now() - started;
    await hung.disconnect();
    for (const socket of sockets) socket.destroy();
    blackHole.close();
    expect(mapError(error)).toMatchObject({ status: 503 });
    expect(elapsedMs).toBeLessThan(10_000);
  });
});

describe('a PostgreSQL server that goes away', () => {
  let server: EmbeddedPostgres;
  let db: Database;
  beforeAll(async () => {
    server = await EmbeddedPostgres.start();
    await server.query('CREATE DATABASE app');
    await migrate(server.url('app'));
    db = database(server.url('app'));
    await db.connectToDatabase(0, 100);
  });
  afterAll(async () => {
    await db?.disconnect();
    await server?.destroy();
  });

  it('maps every failure while it is stopped to 503, and the pool recovers after it restarts', async () => {
    await db.ping();
    await server.stop('immediate');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const error = await failureOf(() => db.prisma.user.count());
      expect(mapError(error)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    }
    await server.startAgain();
    await expect(db.ping()).resolves.toBeTypeOf('number');
  });
});

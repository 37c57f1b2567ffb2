// Test support: the real app, in-process, on a real PostgreSQL database (cloned from the migrated
// template by harness/testing/database.ts), listening on a free port; its JSON log captured.
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { EmbeddedPostgres } from '../../harness/environment/postgres/embedded-postgres.ts';
import { migrate } from '../../prisma/tools/migrate.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createLogger } from '../src/lib/logger.ts';
import { startServer, type RunningServer } from '../src/server.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import type { Role } from '../src/generated/prisma/enums.ts';
import { hashPassword } from '../src/lib/auth.ts';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret';
export const TEST_PASSWORD = 'correct horse battery staple';

export interface LogEntry {
  level: number;
  levelName: string;
  msg: string;
  event?: string;
  requestId?: string;
  [key: string]: unknown;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestApp {
  url: string;
  server: RunningServer;
  prisma: PrismaClient;
  config: Config;
  logs: LogEntry[];
  exits: number[];
  api<T = any>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  /** A token as the app signs it (`tokenVersion` defaults to 0, a fresh user's). */
  tokenFor(user: { id: string; role: Role; tokenVersion?: number }): Promise<string>;
  stop(): Promise<void>;
}

export function testEnv(databaseUrl: string, env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'debug',
    DB_CONNECT_MAX_RETRIES: '2',
    DB_CONNECT_DELAY_MS: '100',
    DB_CONNECTION_TIMEOUT_MS: '1000',
    DB_QUERY_TIMEOUT_MS: '2000',
    DB_RECONNECT_INTERVAL_MS: '200',
    // The least config allows: one connection wait plus one query timeout.
    SERVICE_INIT_TIMEOUT_MS: '3000',
    // Tests read codes from responses; the app's default is off (see phone-verification tests).
    PHONE_CODE_IN_RESPONSE: 'true',
    ...env,
  };
}

export async function startTestApp(
  databaseUrl: string,
  env: Record<string, string | undefined> = {},
): Promise<TestApp> {
  const config = loadConfig(testEnv(databaseUrl, env));
  const logs: LogEntry[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim() !== '') logs.push(JSON.parse(line) as LogEntry);
      callback();
    },
  });
  const exits: number[] = [];
  const server = await startServer(config, createLogger(config.LOG_LEVEL, sink), { exit: (code) => exits.push(code) });
  const api: TestApp['api'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${server.url}/api/v1${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as any, headers: response.headers };
  };
  return {
    url: server.url,
    server,
    prisma: server.database.prisma,
    config,
    logs,
    exits,
    api,
    tokenFor: (user) => server.built.tokens.sign({ userId: user.id, role: user.role, version: user.tokenVersion ?? 0 }),
    stop: () => server.stop(),
  };
}

let passwordHash: Promise<string> | undefined;

/** A user straight in the database, with a token; `deleted` makes it soft-deleted. */
export async function createUser(
  app: TestApp,
  options: { role?: Role; deleted?: boolean; email?: string; phone?: string } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const user = await app.prisma.user.create({
    data: {
      email: options.email ?? `user-${randomUUID()}@example.test`,
      name: 'Test User',
      passwordHash: await passwordHash,
      role: options.role ?? 'USER',
      phone: options.phone,
      deletedAt: options.deleted ? new Date() : null,
      preference: { create: {} },
    },
  });
  return { user, token: await app.tokenFor(user) };
}

/** A UUID that no row has. */
export const missingId = (): string => randomUUID();

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

/**
 * A PostgreSQL server of the test file's (or describe block's) own, with a migrated database `app`,
 * for tests that stop or restart it; started before them and destroyed after. Returns its getter.
 */
export function ownPostgres(): () => EmbeddedPostgres {
  let server: EmbeddedPostgres | undefined;
  beforeAll(async () => {
    server = await EmbeddedPostgres.start();
    await server.query('CREATE DATABASE app');
    await migrate(server.url('app'));
  });
  afterAll(async () => {
    await server?.destroy();
  });
  return () => server as EmbeddedPostgres;
}

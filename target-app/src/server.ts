// The startup sequence and the shutdown, as a function that tests can run in-process and
// index.ts runs as the process. The HTTP server listens only after the database is connected
// (unless the `listen-before-db` defect puts the bug back).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer } from 'socket.io';
import { createApp, type BuiltApp } from './app.ts';
import type { Config } from './config.ts';
import { Cache } from './lib/cache.ts';
import { createDefects } from './lib/defects.ts';
import { presenceSweeper, redisIntegration, schemaIntegration } from './lib/integrations.ts';
import type { Logger } from './lib/logger.ts';
import { Database } from './lib/prisma.ts';
import { RedisBus, redisBusIntegration } from './lib/redis-bus.ts';
import { LogSmsSender, smsSenderIntegration } from './lib/sms-sender.ts';
import { ServiceIntegrationManager } from './lib/service-integration-manager.ts';
import { attachChatSocket } from './socket/chat.socket.ts';
import { Presence } from './socket/presence.ts';
import { attachRedisAdapter, type AttachedAdapter } from './socket/redis-adapter.ts';

export interface RunningServer {
  url: string;
  port: number;
  built: BuiltApp;
  database: Database;
  cache: Cache;
  io: SocketServer;
  presence: Presence;
  /** This process among the instances sharing the database and Redis. */
  instanceId: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** How a defect that "exits the process" exits; tests replace it. */
  exit?: (code: number) => void;
}

export async function startServer(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningServer> {
  const startedAt = new Date();
  const instanceId = randomUUID();
  const defects = createDefects(config.TARGET_APP_DEFECTS);
  if (defects.enabled.length > 0)
    logger.warn(
      { event: 'defects.enabled', defects: defects.enabled },
      `DEFECTS ENABLED: ${defects.enabled.join(', ')}`,
    );

  const database = new Database(
    {
      url: config.DATABASE_URL,
      poolMax: config.DB_POOL_MAX,
      connectionTimeoutMs: config.DB_CONNECTION_TIMEOUT_MS,
      // 0: pg's "no timeout" — the post-mortem's hang on a black-holed database.
      queryTimeoutMs: defects.has('no-query-timeout') ? 0 : config.DB_QUERY_TIMEOUT_MS,
      idleTimeoutMs: config.DB_IDLE_TIMEOUT_MS,
      maxDelayMs: config.DB_CONNECT_MAX_DELAY_MS,
      reconnectIntervalMs: config.DB_RECONNECT_INTERVAL_MS,
      reconnect: !defects.has('no-reconnect'),
      pingIntervalMs: config.DB_PING_INTERVAL_MS,
      backgroundPing: !defects.has('no-background-ping'),
      timeoutsAreOutages: defects.has('timeouts-flip-state'),
    },
    logger,
  );
  const cache = new Cache(
    {
      url: config.REDIS_URL,
      connectTimeoutMs: config.REDIS_CONNECT_TIMEOUT_MS,
      critical: defects.has('redis-critical'),
      unbounded: defects.has('redis-unbounded'),
    },
    logger,
  );
  const sms = new LogSmsSender(logger);
  const bus = new RedisBus({ url: config.REDIS_URL, connectTimeoutMs: config.REDIS_CONNECT_TIMEOUT_MS }, logger);
  const integrations = new ServiceIntegrationManager(logger, config.SERVICE_INIT_TIMEOUT_MS)
    .register(schemaIntegration(database))
    .register(redisIntegration(cache, defects.has('redis-critical')))
    .register(presenceSweeper(database, cache, logger))
    .register(redisBusIntegration(bus))
    .register(smsSenderIntegration(sms));

  let draining = false;
  const built = createApp({
    config,
    logger,
    database,
    cache,
    integrations,
    defects,
    startedAt,
    bus,
    sms,
    exit: options.exit,
    isDraining: () => draining,
  });
  const httpServer = http.createServer(built.app);
  httpServer.keepAliveTimeout = 5_000;
  const listen = (): Promise<number> =>
    new Promise((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.PORT, config.HOST, () => {
        httpServer.off('error', reject);
        resolve((httpServer.address() as AddressInfo).port);
      });
    });

  // Defects: serving before the database is connected (ready-before-connect keeps the readiness
  // gate on the API and lies only in its health endpoints).
  const listenEarly = defects.has('listen-before-db') || defects.has('ready-before-connect');
  let port = listenEarly ? await listen() : 0;
  if (listenEarly)
    logger.info({ event: 'http.listening', port }, `listening on ${config.HOST}:${port} (before the database)`);

  const maxRetries = defects.has('no-connect-retry') ? 0 : config.DB_CONNECT_MAX_RETRIES;
  try {
    await database.connectToDatabase(maxRetries, config.DB_CONNECT_DELAY_MS);
    await integrations.initialise();
    database.watch();
  } catch (error) {
    httpServer.close();
    await Promise.allSettled([integrations.close(), database.disconnect()]);
    throw error;
  }

  const io = new SocketServer(httpServer, { serveClient: false, cors: { origin: '*' } });
  // Several instances behind a load balancer: broadcasts travel through Redis when there is one.
  const adapter: AttachedAdapter | undefined =
    config.REDIS_URL === undefined
      ? undefined
      : attachRedisAdapter(io, { url: config.REDIS_URL, connectTimeoutMs: config.REDIS_CONNECT_TIMEOUT_MS }, logger);
  const presence = new Presence(
    cache,
    { instanceId, ttlMs: config.PRESENCE_TTL_MS, expire: !defects.has('presence-without-expiry') },
    logger,
  );
  attachChatSocket(io, built.services, presence);
  built.chat.attach(io);
  presence.start();

  if (!listenEarly) port = await listen();
  const url = `http://${config.HOST}:${port}`;
  logger.info(
    { event: 'http.listening', port, url, instanceId, database: database.state, services: integrations.snapshot() },
    `ready: listening on ${url}`,
  );

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (defects.has('no-drain')) {
        // The bug the drain removed: the listener and every connection close at once; a load
        // balancer still sending here meets refused connections, in-flight requests are cut.
        httpServer.close();
        httpServer.closeAllConnections();
      } else if (config.SHUTDOWN_DRAIN_MS > 0) {
        // Readiness answers 503 and everything else is still served, until the balancer has
        // seen it and stopped sending new requests here.
        draining = true;
        logger.info(
          { event: 'shutdown.draining', drainMs: config.SHUTDOWN_DRAIN_MS },
          `readiness answers 503; serving for ${config.SHUTDOWN_DRAIN_MS} ms before closing the listener`,
        );
        await new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_DRAIN_MS));
      }
      // Stop accepting; idle keep-alive sockets go now, in-flight requests may finish.
      logger.info({ event: 'shutdown.closing' }, 'closing the listener; in-flight requests may finish');
      const drained = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      const deadline = setTimeout(() => httpServer.closeAllConnections(), config.SHUTDOWN_TIMEOUT_MS);
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      await drained;
      clearTimeout(deadline);
      await presence.close();
      await adapter?.close();
      await integrations.close();
      await database.disconnect();
    })();
    return stopped;
  };
  return { url, port, built, database, cache, io, presence, instanceId, stop };
}

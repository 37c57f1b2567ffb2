// Builds the Express app from its dependencies. It never listens and never connects: index.ts
// owns the startup sequence. Order matters: metrics (GET /metrics and the timing of every request),
// request context, health (outside the readiness gate), the readiness gate, the API routes, then one
// error handler.
import express, { type Express } from 'express';
import type { Config } from './config.ts';
import type { Cache } from './lib/cache.ts';
import type { Defects } from './lib/defects.ts';
import type { Logger } from './lib/logger.ts';
import { Metrics, METRICS_PATH } from './lib/metrics.ts';
import type { Database } from './lib/prisma.ts';
import { Records } from './lib/records.ts';
import type { ServiceIntegrationManager } from './lib/service-integration-manager.ts';
import { TokenService } from './lib/auth.ts';
import type { RedisBus } from './lib/redis-bus.ts';
import { LogSmsSender, type SmsSender } from './lib/sms-sender.ts';
import { RateLimiter } from './lib/rate-limiter.ts';
import { TokenRevocation } from './lib/token-revocation.ts';
import { ensureDatabaseConnection } from './middlewares/database.middleware.ts';
import { errorHandler, notFoundHandler } from './middlewares/error.middleware.ts';
import { requestContext } from './middlewares/request-context.middleware.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { apiRoutes } from './routes/index.ts';
import { ChatBroadcaster } from './socket/chat-broadcaster.ts';
import type { ServiceContext } from './services/context.ts';
import { ValidationError } from './lib/errors.ts';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  database: Database;
  cache: Cache;
  integrations: ServiceIntegrationManager;
  defects: Defects;
  startedAt?: Date;
  /** Delivers verification codes; the log-only sender when absent. */
  sms?: SmsSender;
  /** Broadcasts user changes to the other instances (revocation); absent: this instance only. */
  bus?: RedisBus;
  /** True once a SIGTERM began the drain: readiness answers 503 while requests are still served. */
  isDraining?: () => boolean;
  /** Called when a database error should (by defect) take the process down. */
  exit?: (code: number) => void;
}

export interface BuiltApp {
  app: Express;
  services: ServiceContext;
  chat: ChatBroadcaster;
  tokens: TokenService;
  metrics: Metrics;
  revocation: TokenRevocation;
}

export function createApp(deps: AppDependencies): BuiltApp {
  const { config, logger, database, defects } = deps;
  const tokens = new TokenService(config.JWT_SECRET, config.JWT_TTL_SEC);
  const revocation = new TokenRevocation(database.prisma, logger, {
    cacheTtlMs: config.AUTH_CACHE_TTL_MS,
    bus: deps.bus,
    failOpen: defects.has('auth-fails-open'),
  });
  const chat = new ChatBroadcaster();
  const services: ServiceContext = {
    prisma: database.prisma,
    database,
    logger,
    records: new Records(defects),
    cache: deps.cache,
    defects,
    chat,
    tokens,
    revocation,
    exposeVerificationCodes: config.PHONE_CODE_IN_RESPONSE,
    sms: deps.sms ?? new LogSmsSender(logger),
    limits: {
      limiter: new RateLimiter(deps.cache, { failOpen: defects.has('rate-limit-fails-open') }),
      windowSec: config.RATE_LIMIT_WINDOW_SEC,
      loginPerAccount: config.LOGIN_LIMIT_PER_ACCOUNT,
      loginPerIp: config.LOGIN_LIMIT_PER_IP,
      phoneCodePerAccount: config.PHONE_CODE_LIMIT_PER_ACCOUNT,
      phoneCodePerIp: config.PHONE_CODE_LIMIT_PER_IP,
    },
  };

  const app = express();
  app.disable('x-powered-by');
  // Only the configured proxies may say who the client is: the per-IP rate limits depend on it.
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  const metrics = new Metrics(database, deps.cache);
  app.use(metrics.middleware());
  // For the scraper, outside /api/v1 and the readiness gate: it must answer most during an outage.
  app.get(METRICS_PATH, metrics.handler());
  app.use(requestContext(logger));
  app.use(express.json({ limit: '100kb' }));

  app.use(
    '/api/v1',
    healthRoutes({
      database,
      logger,
      integrations: deps.integrations,
      retryAfterSec: config.RETRY_AFTER_SEC,
      alwaysOk: defects.has('health-always-ok'),
      readyBeforeConnect: defects.has('ready-before-connect'),
      isDraining: deps.isDraining,
      startedAt: deps.startedAt ?? new Date(),
    }),
  );

  if (defects.has('listen-before-db')) {
    // The bug the fix removed: no readiness gate, so requests that arrive before the database is
    // connected fail the way they did in production ("Engine is not yet connected" → 500).
    app.use('/api/v1', (_req, _res, next) =>
      next(database.state === 'connecting' ? new Error('Engine is not yet connected') : undefined),
    );
  } else {
    app.use('/api/v1', ensureDatabaseConnection(database, config.RETRY_AFTER_SEC));
  }
  app.use('/api/v1', apiRoutes(services));

  app.use(notFoundHandler);
  app.use(bodyParserErrors);
  app.use(
    errorHandler({
      database,
      retryAfterSec: config.RETRY_AFTER_SEC,
      databaseErrorsAs500: defects.has('db-errors-as-500'),
      recordNotFoundAs500: defects.has('unhandled-p2025'),
      onDatabaseUnavailable: defects.has('exit-on-db-error')
        ? (error) => {
            logger.fatal({ event: 'process.exit', reason: 'database error', err: error }, 'database error; exiting');
            (deps.exit ?? process.exit)(1);
          }
        : undefined,
    }),
  );
  return { app, services, chat, tokens, metrics, revocation };
}

/** express.json() errors (malformed JSON, too large) become 400s in the standard shape. */
function bodyParserErrors(
  error: unknown,
  _req: express.Request,
  _res: express.Response,
  next: express.NextFunction,
): void {
  const e = error as { type?: string; message?: string } | undefined;
  if (e?.type === 'entity.parse.failed') next(new ValidationError(`malformed JSON body: ${e.message ?? ''}`.trim()));
  else if (e?.type === 'entity.too.large') next(new ValidationError('request body too large'));
  else next(error);
}

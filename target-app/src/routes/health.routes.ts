// Health endpoints; they sit in front of the readiness gate and must tell the truth in an outage.
//   GET /api/v1/health           liveness: 200 while the process can answer; the body says how it is.
//   GET /api/v1/health/detailed  readiness: 200 when the database is ready, 503 when not or while the
//                                shutdown drains; every service's state.
//   GET /api/v1/db-check         a live database round-trip: 200 with its latency, or 503.
//   GET /api/v1/health/ready     a load balancer's readiness: 200 while the database is ready and the
//                                app is not draining, else 503 — from the known state, no round-trip,
//                                so a busy pool does not take a serving instance out of rotation.
// They are anonymous, so they report states, never raw driver errors ("Can't reach database server
// at 10.0.3.7:5432" tells an attacker where the database is): the detail goes to the log.
import { Router, type Request, type Response } from 'express';
import { isDatabaseUnavailable } from '../lib/error-mapping.ts';
import type { Logger } from '../lib/logger.ts';
import type { Database } from '../lib/prisma.ts';
import type { IntegrationHealth, ServiceIntegrationManager } from '../lib/service-integration-manager.ts';
import { sendError } from '../middlewares/error.middleware.ts';

export interface HealthDependencies {
  database: Database;
  logger: Logger;
  integrations: ServiceIntegrationManager;
  retryAfterSec: number;
  /** Defect `health-always-ok`. */
  alwaysOk: boolean;
  /** Defect `ready-before-connect`: a database never connected yet counts as ready. */
  readyBeforeConnect?: boolean;
  /** The shutdown's drain: readiness says 503 so the load balancer stops sending new requests. */
  isDraining?: () => boolean;
  startedAt: Date;
}

type OverallStatus = 'ok' | 'degraded' | 'unavailable';

/** A poller may ask ten times a second during an outage: one log line per distinct error per interval. */
const ERROR_LOG_INTERVAL_MS = 5_000;

export function healthRoutes(deps: HealthDependencies): Router {
  const router = Router();
  const uptimeSec = (): number => Math.round((Date.now() - deps.startedAt.getTime()) / 100) / 10;

  // The bug the defect puts back: "not connected yet" taken for "nothing wrong yet".
  const claimsReady = (): boolean =>
    deps.readyBeforeConnect === true && !deps.database.isReady && deps.database.status().lastReadyAt === null;

  let lastLogged = { message: '', atMs: 0 };
  const logFailure = (error: unknown): void => {
    const message = (error as Error)?.message ?? String(error);
    const nowMs = Date.now();
    if (message === lastLogged.message && nowMs - lastLogged.atMs < ERROR_LOG_INTERVAL_MS) return;
    lastLogged = { message, atMs: nowMs };
    deps.logger.warn({ event: 'health.db-ping.failed', err: error }, 'health check: the database did not answer');
  };

  const livePing = async (): Promise<{ up: boolean; latencyMs: number | null }> => {
    if (claimsReady()) return { up: true, latencyMs: 0 };
    if (!deps.database.isReady) return { up: false, latencyMs: null };
    try {
      return { up: true, latencyMs: await deps.database.ping() };
    } catch (error) {
      logFailure(error);
      if (isDatabaseUnavailable(error)) deps.database.reportPingFailure(error);
      return { up: false, latencyMs: null };
    }
  };

  router.get('/health', (_req: Request, res: Response) => {
    const services = deps.integrations.snapshot();
    const degraded = Object.values(services).some(
      (service) => service.status === 'down' || service.status === 'degraded',
    );
    let status: OverallStatus = !deps.database.isReady && !claimsReady() ? 'unavailable' : degraded ? 'degraded' : 'ok';
    if (deps.alwaysOk) status = 'ok';
    res.status(200).json({
      status,
      uptimeSec: uptimeSec(),
      database: deps.alwaysOk ? 'ready' : deps.database.state,
      timestamp: new Date().toISOString(),
    });
  });

  router.get('/health/ready', (_req: Request, res: Response) => {
    const draining = deps.isDraining?.() === true;
    const ready = !draining && (deps.alwaysOk || deps.database.isReady || claimsReady());
    if (!ready) res.setHeader('Retry-After', String(deps.retryAfterSec));
    res
      .status(ready ? 200 : 503)
      .json({ status: draining ? 'draining' : ready ? 'ready' : 'unavailable', database: deps.database.state });
  });

  router.get('/health/detailed', async (_req: Request, res: Response) => {
    if (deps.isDraining?.() === true) {
      res.setHeader('Retry-After', String(deps.retryAfterSec));
      res.status(503).json({ status: 'draining', uptimeSec: uptimeSec(), timestamp: new Date().toISOString() });
      return;
    }
    if (deps.alwaysOk) {
      res
        .status(200)
        .json({ status: 'ok', uptimeSec: uptimeSec(), database: { status: 'up', state: 'ready' }, services: {} });
      return;
    }
    const [ping, services] = await Promise.all([livePing(), deps.integrations.refresh()]);
    const degraded = Object.values(services).some(
      (service) => service.status === 'down' || service.status === 'degraded',
    );
    const status: OverallStatus = !ping.up ? 'unavailable' : degraded ? 'degraded' : 'ok';
    const { lastError: _databaseError, ...databaseState } = deps.database.status();
    const database = { status: ping.up ? 'up' : 'down', latencyMs: ping.latencyMs, ...databaseState };
    if (!ping.up) res.setHeader('Retry-After', String(deps.retryAfterSec));
    res.status(ping.up ? 200 : 503).json({
      status,
      uptimeSec: uptimeSec(),
      timestamp: new Date().toISOString(),
      database,
      services: withoutErrors(services),
    });
  });

  router.get('/db-check', async (req: Request, res: Response) => {
    if (deps.alwaysOk) {
      res.status(200).json({ status: 'ok', latencyMs: 0 });
      return;
    }
    const ping = await livePing();
    if (ping.up) {
      res.status(200).json({ status: 'ok', latencyMs: ping.latencyMs, state: deps.database.state });
      return;
    }
    res.setHeader('Retry-After', String(deps.retryAfterSec));
    sendError(req, res, {
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: `database check failed: the database is ${deps.database.state === 'ready' ? 'not answering' : deps.database.state}`,
    });
  });

  return router;
}

/** Each service's state without its last error message (a raw driver or socket error): the log has it. */
function withoutErrors(
  services: Record<string, IntegrationHealth>,
): Record<string, Omit<IntegrationHealth, 'lastError'> & { failing: boolean }> {
  return Object.fromEntries(
    Object.entries(services).map(([name, { lastError, ...health }]) => [
      name,
      { ...health, failing: lastError !== null },
    ]),
  );
}

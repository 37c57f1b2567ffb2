// Metrics in the Prometheus text format at GET /metrics (beside the logs, for a scraper — a
// Prometheus server, the CloudWatch agent, Datadog's OpenMetrics check):
//   http_requests_total{method,route,status}                     request count (rate() gives the rate)
//   http_request_duration_seconds{method,route,status_class}     latency histogram
//   http_error_responses_total{code,status}                      errors by their mapping (the stable
//                                                               error code: DATABASE_UNAVAILABLE 503,
//                                                               NOT_FOUND 404, CONFLICT 409, INTERNAL 500…)
//   database_state{state}                                        1 for the current state, 0 for the others
//   redis_status{status}                                         the same for Redis
// `route` is the matched route pattern (/api/v1/events/:id), never the raw path, so ids cannot
// explode the label space; requests no route matched (the readiness gate, 404s) are "(unmatched)".
// Each app has its own registry: several apps in one process (the tests) never share counters.
import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Cache, CacheStatus } from './cache.ts';
import type { ConnectionState, Database } from './prisma.ts';

const DATABASE_STATES: ConnectionState[] = ['idle', 'connecting', 'ready', 'reconnecting', 'failed', 'disconnected'];
const CACHE_STATUSES: CacheStatus[] = ['disabled', 'connecting', 'up', 'down'];
export const METRICS_PATH = '/metrics';

export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route' | 'status_class'>;
  private readonly errors: Counter<'code' | 'status'>;

  constructor(database: Pick<Database, 'state'>, cache: Pick<Cache, 'status'>) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, matched route and status.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration, from the first byte in to the last byte out.',
      labelNames: ['method', 'route', 'status_class'],
      // Up to the budget of a request at fault (a pool wait plus a query timeout) and beyond.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({
      name: 'http_error_responses_total',
      help: 'Error responses by their error code (the one error mapping) and status.',
      labelNames: ['code', 'status'],
      registers,
    });
    new Gauge({
      name: 'database_state',
      help: 'The database connection state: 1 for the current state, 0 for the others.',
      labelNames: ['state'],
      registers,
      collect() {
        for (const state of DATABASE_STATES) this.set({ state }, database.state === state ? 1 : 0);
      },
    });
    new Gauge({
      name: 'redis_status',
      help: 'Redis (non-critical): 1 for the current status, 0 for the others.',
      labelNames: ['status'],
      registers,
      collect() {
        const current = cache.status().status;
        for (const status of CACHE_STATUSES) this.set({ status }, current === status ? 1 : 0);
      },
    });
  }

  /** Times and counts every request but the scrapes themselves. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (req.path === METRICS_PATH) {
        next();
        return;
      }
      const stop = this.duration.startTimer();
      // The route pattern is known only while its router runs (an error answered later, at the app
      // level, sees another baseUrl): note it the moment Express sets req.route.
      let matched: string | undefined;
      let current: unknown;
      Object.defineProperty(req, 'route', {
        configurable: true,
        enumerable: true,
        get: () => current,
        set: (value: unknown) => {
          current = value;
          const pattern = (value as { path?: unknown } | undefined)?.path;
          if (typeof pattern === 'string') matched = `${req.baseUrl}${pattern}`;
        },
      });
      res.on('finish', () => {
        const route = matched ?? '(unmatched)';
        const status = String(res.statusCode);
        this.requests.inc({ method: req.method, route, status });
        stop({ method: req.method, route, status_class: `${status[0]}xx` });
        const code = (res.locals as { errorCode?: unknown }).errorCode;
        if (typeof code === 'string') this.errors.inc({ code, status });
      });
      next();
    };
  }

  handler() {
    return async (_req: Request, res: Response): Promise<void> => {
      res.setHeader('Content-Type', this.registry.contentType);
      res.end(await this.registry.metrics());
    };
  }
}

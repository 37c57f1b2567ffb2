// Starts the non-critical services after the database is up — in parallel, each with its own
// timeout, a failure degrading only that service — and keeps the health registry the health
// endpoints read. A service marked critical that fails stops the startup (the caller exits).
import type { Logger } from './logger.ts';

export type IntegrationStatus = 'up' | 'degraded' | 'down' | 'disabled' | 'starting';

export interface IntegrationHealth {
  status: IntegrationStatus;
  critical: boolean;
  latencyMs: number | null;
  lastError: string | null;
  checkedAt: string | null;
  detail?: Record<string, unknown>;
}

export interface CheckResult {
  status: IntegrationStatus;
  latencyMs?: number;
  error?: string;
  detail?: Record<string, unknown>;
}

export interface Integration {
  name: string;
  critical: boolean;
  /** Startup work; a throw marks the service down (or, if critical, fails startup). */
  init(): Promise<void>;
  /**
   * An init failure this service treats as a passing blip rather than a reason to stop: it marks the
   * service degraded and the startup goes on, even for a critical service (a schema check that met a
   * slow database has not found a wrong schema). Absent: every failure counts.
   */
  tolerates?(error: unknown): boolean;
  /** A cheap live check for the detailed health endpoint. */
  check(): Promise<CheckResult>;
  close?(): Promise<void>;
}

export class CriticalServiceError extends Error {
  readonly code = 'CRITICAL_SERVICE_FAILED';
  constructor(
    readonly service: string,
    cause: unknown,
  ) {
    super(`critical service ${service} failed to start: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'CriticalServiceError';
  }
}

/** A service's startup work (or live check) outlived the per-service timeout. */
export class ServiceTimeoutError extends Error {
  readonly code = 'SERVICE_TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'ServiceTimeoutError';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ServiceTimeoutError(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class ServiceIntegrationManager {
  private readonly integrations: Integration[] = [];
  private readonly registry = new Map<string, IntegrationHealth>();

  constructor(
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  register(integration: Integration): this {
    this.integrations.push(integration);
    this.registry.set(integration.name, {
      status: 'starting',
      critical: integration.critical,
      latencyMs: null,
      lastError: null,
      checkedAt: null,
    });
    return this;
  }

  /** Initialise every service in parallel; throws CriticalServiceError when a critical one fails. */
  async initialise(): Promise<Record<string, IntegrationHealth>> {
    const results = await Promise.allSettled(
      this.integrations.map(async (integration) => {
        const started = performance.now();
        try {
          await withTimeout(integration.init(), this.timeoutMs);
          const result = await withTimeout(integration.check(), this.timeoutMs).catch((error: unknown) => ({
            status: 'degraded' as const,
            error: (error as Error).message,
          }));
          this.record(integration, result);
          this.logger.info(
            {
              event: 'service.init',
              service: integration.name,
              status: result.status,
              durationMs: Math.round(performance.now() - started),
            },
            `${integration.name} initialised`,
          );
        } catch (error) {
          if (integration.tolerates?.(error) === true) {
            this.record(integration, { status: 'degraded', error: (error as Error).message });
            this.logger.warn(
              { event: 'service.init', service: integration.name, status: 'degraded', err: error },
              `${integration.name} could not finish its startup work (${(error as Error).message}); continuing`,
            );
            return;
          }
          this.record(integration, { status: 'down', error: (error as Error).message });
          if (integration.critical) throw new CriticalServiceError(integration.name, error);
          this.logger.warn(
            { event: 'service.init', service: integration.name, status: 'down', err: error },
            `${integration.name} failed to initialise; continuing without it`,
          );
        }
      }),
    );
    const critical = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (critical !== undefined) throw critical.reason;
    return this.snapshot();
  }

  /** Run every live check now (bounded by the per-service timeout) and return the registry. */
  async refresh(): Promise<Record<string, IntegrationHealth>> {
    await Promise.all(
      this.integrations.map(async (integration) => {
        const result = await withTimeout(integration.check(), this.timeoutMs).catch((error: unknown) => ({
          status: 'down' as const,
          error: (error as Error).message,
        }));
        this.record(integration, result);
      }),
    );
    return this.snapshot();
  }

  snapshot(): Record<string, IntegrationHealth> {
    return Object.fromEntries(this.registry);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.integrations.map(async (integration) => integration.close?.()));
  }

  private record(integration: Integration, result: CheckResult): void {
    const previous = this.registry.get(integration.name);
    const health: IntegrationHealth = {
      status: result.status,
      critical: integration.critical,
      latencyMs: result.latencyMs ?? null,
      lastError: result.error ?? previous?.lastError ?? null,
      checkedAt: new Date().toISOString(),
      detail: result.detail,
    };
    if (previous !== undefined && previous.status !== health.status && previous.status !== 'starting') {
      this.logger.warn(
        { event: 'service.state', service: integration.name, from: previous.status, to: health.status },
        `${integration.name} ${previous.status} -> ${health.status}`,
      );
    }
    this.registry.set(integration.name, health);
  }
}

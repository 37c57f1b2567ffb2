// Polls the target's health endpoints (every polled one unless the scenario names fewer) every
// ~100 ms and records each answer (or non-answer) in the timeline with what it says, as the target
// reads it, so health-truthful can compare what the app said with what the faults were. A scenario
// that asks whether an idle app notices a lost database by itself polls only an endpoint that reports
// the state the app holds (one that pings the database would make the app notice).
import { Agent, request } from 'undici';
import { classifyError } from '../load/classify-error.ts';
import type { HealthEndpointSpec } from '../target/health.ts';
import type { Clock } from '../timeline/recorder.ts';
import type { HealthEndpoint, HealthProbe } from '../timeline/types.ts';

export interface HealthPollerOptions {
  appUrl: string;
  clock: Clock;
  record: (probe: HealthProbe) => void;
  intervalMs?: number;
  timeoutMs?: number;
  /** The endpoints to poll, with their paths and readers. */
  endpoints: readonly HealthEndpointSpec[];
}

export interface RunningPoller {
  stop(): Promise<void>;
}

interface HealthBody {
  status?: unknown;
  database?: unknown;
  error?: { code?: unknown };
}

/** The body's conventional fields, kept for reports (what the answer says is the target's reading). */
function summarize(body: HealthBody | undefined): Pick<HealthProbe, 'bodyStatus' | 'database' | 'errorCode'> {
  if (body === undefined) return {};
  const database =
    typeof body.database === 'string'
      ? body.database
      : typeof (body.database as { status?: unknown })?.status === 'string'
        ? (body.database as { status: string }).status
        : undefined;
  return {
    bodyStatus: typeof body.status === 'string' ? body.status : undefined,
    database,
    errorCode: typeof body.error?.code === 'string' ? body.error.code : null,
  };
}

export function startHealthPoller(options: HealthPollerOptions): RunningPoller {
  const intervalMs = options.intervalMs ?? 100;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const endpoints = options.endpoints;
  const dispatcher = new Agent({
    connections: endpoints.length * 2,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: { timeout: timeoutMs },
  });
  const busy = new Set<HealthEndpoint>();
  const pending = new Set<Promise<void>>();
  let stopped = false;

  const probe = async (spec: HealthEndpointSpec): Promise<void> => {
    const endpoint = spec.name;
    busy.add(endpoint);
    const atMs = options.clock.now();
    try {
      const response = await request(`${options.appUrl}${spec.path}`, {
        dispatcher,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.body.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        // not JSON: the reader gets the text
      }
      options.record({
        atMs,
        endedAtMs: options.clock.now(),
        endpoint,
        status: response.statusCode,
        ...summarize(typeof body === 'object' && body !== null ? body : undefined),
        reading: spec.read({ status: response.statusCode, body }),
      });
    } catch (error) {
      options.record({
        atMs,
        endedAtMs: options.clock.now(),
        endpoint,
        status: null,
        errorClass: classifyError(error),
      });
    } finally {
      busy.delete(endpoint);
    }
  };

  const timer = setInterval(() => {
    if (stopped) return;
    for (const endpoint of endpoints) {
      if (busy.has(endpoint.name)) continue;
      const running = probe(endpoint);
      pending.add(running);
      void running.finally(() => pending.delete(running));
    }
  }, intervalMs);

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled([...pending]);
      await dispatcher.close();
    },
  };
}

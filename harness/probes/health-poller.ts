// Polls the health endpoints (all three unless the scenario names fewer) every ~100 ms and records
// each answer (or non-answer) in the timeline, so health-truthful can compare what the app said with
// what the faults were. Two of them ping the database themselves; a scenario that asks whether an
// idle app notices a lost database by itself polls only the one that reports the state it holds.
import { Agent, request } from 'undici';
import { classifyError } from '../load/classify-error.ts';
import { HEALTH_ENDPOINTS } from '../timeline/samples.ts';
import type { Clock } from '../timeline/recorder.ts';
import type { HealthEndpoint, HealthProbe } from '../timeline/types.ts';

export interface HealthPollerOptions {
  appUrl: string;
  clock: Clock;
  record: (probe: HealthProbe) => void;
  intervalMs?: number;
  timeoutMs?: number;
  endpoints?: HealthEndpoint[];
}

export interface RunningPoller {
  stop(): Promise<void>;
}

interface HealthBody {
  status?: unknown;
  database?: unknown;
  error?: { code?: unknown };
}

function summarize(
  endpoint: HealthEndpoint,
  body: HealthBody | undefined,
): Pick<HealthProbe, 'bodyStatus' | 'database' | 'errorCode'> {
  if (body === undefined) return {};
  const database =
    typeof body.database === 'string'
      ? body.database
      : typeof (body.database as { status?: unknown })?.status === 'string'
        ? (body.database as { status: string }).status
        : undefined;
  return {
    bodyStatus: typeof body.status === 'string' ? body.status : undefined,
    database: endpoint === 'health/detailed' || endpoint === 'health' ? database : undefined,
    errorCode: typeof body.error?.code === 'string' ? body.error.code : null,
  };
}

export function startHealthPoller(options: HealthPollerOptions): RunningPoller {
  const intervalMs = options.intervalMs ?? 100;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const endpoints = options.endpoints ?? [...HEALTH_ENDPOINTS];
  const dispatcher = new Agent({
    connections: endpoints.length * 2,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: { timeout: timeoutMs },
  });
  const busy = new Set<HealthEndpoint>();
  const pending = new Set<Promise<void>>();
  let stopped = false;

  const probe = async (endpoint: HealthEndpoint): Promise<void> => {
    busy.add(endpoint);
    const atMs = options.clock.now();
    try {
      const response = await request(`${options.appUrl}/api/v1/${endpoint}`, {
        dispatcher,
        signal: AbortSignal.timeout(timeoutMs),
      });
      let body: HealthBody | undefined;
      try {
        body = (await response.body.json()) as HealthBody;
      } catch {
        body = undefined;
      }
      options.record({
        atMs,
        endedAtMs: options.clock.now(),
        endpoint,
        status: response.statusCode,
        ...summarize(endpoint, body),
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
      if (busy.has(endpoint)) continue;
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

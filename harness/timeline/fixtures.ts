// Builders for hand-made timelines in tests: a check is a pure function of the timeline, so its
// tests describe a run in a few lines and assert the verdict. Not used at run time.
import type { FaultWindow, HealthProbe, LogEvent, ProcessEvent, Sample, Timeline } from './types.ts';

let nextId = 1_000_000;

/** A timeline with nothing in it; pass the parts a test needs. */
export function timeline(parts: Partial<Timeline> = {}): Timeline {
  return {
    runId: 'test-run',
    seed: 1,
    originEpochMs: 1_700_000_000_000,
    endedAtMs: 30_000,
    samples: [],
    faults: [],
    health: [],
    process: [{ type: 'start', atMs: 0, pid: 1 }],
    logs: [],
    markers: [],
    inFlightCaps: [],
    writeReadback: null,
    ...parts,
  };
}

/** One request sent at `atMs` that took `latencyMs` (default 20); a 200 read unless told otherwise. */
export function sample(partial: Partial<Sample> & { atMs: number; latencyMs?: number }): Sample {
  const { atMs, latencyMs = 20, ...rest } = partial;
  const status = rest.status === undefined ? 200 : rest.status;
  return {
    id: nextId++,
    scheduledAtMs: atMs,
    startedAtMs: atMs,
    endedAtMs: atMs + latencyMs,
    method: 'GET',
    routeTemplate: '/items',
    template: 'items.list',
    kind: 'read',
    status,
    errorClass: status === null ? 'ECONNREFUSED' : null,
    errorCode: null,
    ...rest,
  };
}

/** Requests every `everyMs` from fromMs (inclusive) to toMs (exclusive), all built from `partial`. */
export function samplesBetween(
  fromMs: number,
  toMs: number,
  everyMs: number,
  partial: Partial<Sample> & { latencyMs?: number } = {},
): Sample[] {
  const samples: Sample[] = [];
  for (let atMs = fromMs; atMs < toMs; atMs += everyMs) samples.push(sample({ ...partial, atMs }));
  return samples;
}

/** A 503 DATABASE_UNAVAILABLE answer with Retry-After, as the healthy app gives during an outage. */
export const DB_503: Partial<Sample> = { status: 503, errorCode: 'DATABASE_UNAVAILABLE', retryAfter: '2' };

export function fault(partial: Partial<FaultWindow> & { fromMs: number; toMs: number | null }): FaultWindow {
  const { fromMs, toMs, ...rest } = partial;
  return {
    name: `${rest.kind ?? 'dbDown'}@${fromMs}`,
    kind: 'dbDown',
    target: 'database',
    effect: 'unavailable',
    requestedAtMs: fromMs,
    effectiveAtMs: fromMs,
    endedAtMs: toMs,
    details: {},
    ...rest,
  };
}

/**
 * A probe as the poller records it, its reading made as the reference app's endpoints read (a
 * `health` that always answers 200 and says its state in the body; the others by status, `db-check`
 * saying nothing of Redis) unless the test gives one.
 */
export function probe(partial: Partial<HealthProbe> & { atMs: number }): HealthProbe {
  const made: HealthProbe = { endpoint: 'health/detailed', status: 200, bodyStatus: 'ok', ...partial };
  return { ...made, reading: partial.reading ?? readingOf(made) };
}

function readingOf(probe: HealthProbe): NonNullable<HealthProbe['reading']> {
  const says =
    probe.bodyStatus === 'ok' || probe.bodyStatus === 'degraded'
      ? probe.bodyStatus
      : probe.bodyStatus === 'unavailable'
        ? 'down'
        : undefined;
  const status = probe.endpoint === 'db-check' ? undefined : says;
  if (probe.endpoint === 'health')
    return probe.status !== 200 || says === undefined ? {} : { status, database: says === 'down' ? 'down' : 'up' };
  if (probe.status === 200) return { database: 'up', status };
  return probe.status === 503 ? { database: 'down' } : {};
}

/** Probes of all three endpoints every `everyMs`, answering as a truthful app would for `up`. */
export function truthfulProbes(fromMs: number, toMs: number, everyMs: number, up: boolean): HealthProbe[] {
  const probes: HealthProbe[] = [];
  for (let atMs = fromMs; atMs < toMs; atMs += everyMs) {
    probes.push(probe({ atMs, endpoint: 'health', status: 200, bodyStatus: up ? 'ok' : 'unavailable' }));
    probes.push(
      probe({ atMs, endpoint: 'health/detailed', status: up ? 200 : 503, bodyStatus: up ? 'ok' : 'unavailable' }),
    );
    probes.push(probe({ atMs, endpoint: 'db-check', status: up ? 200 : 503, bodyStatus: up ? 'ok' : undefined }));
  }
  return probes;
}

export function log(partial: Partial<LogEvent> & { atMs: number }): LogEvent {
  const json = {
    level: partial.level ?? 30,
    msg: partial.msg ?? '',
    ...(partial.event === undefined ? {} : { event: partial.event }),
  };
  return { stream: 'stdout', level: 30, msg: '', raw: JSON.stringify(json), json, ...partial };
}

export function exit(partial: Partial<Extract<ProcessEvent, { type: 'exit' }>> & { atMs: number }): ProcessEvent {
  return { type: 'exit', pid: 1, code: 1, signal: null, expected: false, ...partial };
}

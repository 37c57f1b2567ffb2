// Converts k6's `--out json` file into Samples. Each line is one JSON object; we use:
//   {"type":"Point","metric":"http_req_duration","data":{"time":"<RFC3339>","value":<ms>,"tags":{...}}}
//     time = when the request ended (k6 stamps every http_req_* point with the trail's end time)
//   {"type":"Point","metric":"faultline_response", ...}  our script's per-request point (error code, Retry-After)
//   {"type":"Point","metric":"dropped_iterations", ...}  arrivals k6 could not start (no free VU)
import type { ErrorClass, InFlightCapRecord, Sample } from '../timeline/types.ts';
import { LoadError } from './errors.ts';
import { K6_RESPONSE_METRIC } from './k6-script.ts';
import type { RequestSpec } from './types.ts';

export interface K6Point {
  metric: string;
  timeEpochMs: number;
  value: number;
  tags: Record<string, string>;
}

/** RFC3339 with up to nanoseconds → epoch ms, keeping sub-millisecond precision. */
export function parseK6Time(text: string): number {
  const match = /^(.*T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (match === null) return Number.NaN;
  const whole = Date.parse(`${match[1]}${match[3]}`);
  return whole + (match[2] === undefined ? 0 : Number(match[2]) * 1_000);
}

/** Parses the Point lines of a k6 JSON output; other line types are skipped, garbage is an error. */
export function parseK6Points(text: string): K6Point[] {
  const points: K6Point[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let entry: {
      type?: unknown;
      metric?: unknown;
      data?: { time?: unknown; value?: unknown; tags?: unknown; metadata?: unknown };
    };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch (cause) {
      throw new LoadError('K6_OUTPUT_INVALID', `k6 output line ${index + 1} is not JSON: ${line.slice(0, 80)}`, {
        cause,
      });
    }
    if (entry.type !== 'Point' || typeof entry.metric !== 'string' || entry.data === undefined) return;
    const timeEpochMs = typeof entry.data.time === 'string' ? parseK6Time(entry.data.time) : Number.NaN;
    if (!Number.isFinite(timeEpochMs) || typeof entry.data.value !== 'number') {
      throw new LoadError('K6_OUTPUT_INVALID', `k6 output line ${index + 1} has no valid time/value`);
    }
    // Newer k6 versions may put high-cardinality values in metadata instead of tags.
    const tags = {
      ...(entry.data.metadata as Record<string, string> | undefined),
      ...(entry.data.tags as Record<string, string> | undefined),
    };
    points.push({ metric: entry.metric, timeEpochMs, value: entry.data.value, tags });
  });
  return points;
}

/** k6's error codes (https://grafana.com/docs/k6/latest/javascript-api/error-codes/) → our classes. */
export function classifyK6Error(k6ErrorCode: string | undefined, message = ''): Exclude<ErrorClass, 'dropped'> {
  switch (k6ErrorCode) {
    case '1212':
      return 'ECONNREFUSED';
    case '1220':
    case '1201':
      return 'ECONNRESET';
    case '1050':
    case '1211':
      return 'timeout';
    default:
      if (/connection refused/i.test(message)) return 'ECONNREFUSED';
      if (/reset by peer|EOF|broken pipe/i.test(message)) return 'ECONNRESET';
      if (/timeout/i.test(message)) return 'timeout';
      return 'other';
  }
}

export interface K6ConversionContext {
  /** The request list the script was given (index = faultline_id). */
  requests: readonly RequestSpec[];
  /** Date.now() at the run's origin, to make k6's wall-clock times relative. */
  originEpochMs: number;
  /**
   * Relative time at which k6's scenario started; omitted, it is inferred from the samples (the
   * earliest send minus its offset), since k6 spends a moment initialising after it is spawned.
   */
  loadStartMs?: number;
  scheduledOffsetsMs: readonly number[];
  /** Sample ids are `firstSampleId + faultline_id`. */
  firstSampleId: number;
  /** The profile's maxInFlight (k6's maxVUs): a drop means all of them were busy. */
  maxInFlight: number;
}

export interface K6Conversion {
  samples: Sample[];
  caps: InFlightCapRecord[];
  /** The load start used for scheduledAtMs (given or inferred). */
  loadStartMs: number;
}

export function convertK6Output(text: string, context: K6ConversionContext): K6Conversion {
  const points = parseK6Points(text);
  const durations = new Map<number, K6Point>();
  const responses = new Map<number, K6Point>();
  const drops: K6Point[] = [];
  for (const point of points) {
    if (point.metric === 'dropped_iterations') {
      for (let n = 0; n < Math.max(1, Math.round(point.value)); n++) drops.push(point);
      continue;
    }
    const index = Number(point.tags.faultline_id);
    if (!Number.isInteger(index)) continue;
    if (point.metric === 'http_req_duration') durations.set(index, point);
    else if (point.metric === K6_RESPONSE_METRIC) responses.set(index, point);
  }

  const relative = (epochMs: number): number => epochMs - context.originEpochMs;
  const offsetOf = (index: number): number =>
    context.scheduledOffsetsMs[index] ?? context.scheduledOffsetsMs.at(-1) ?? 0;
  const loadStartMs = context.loadStartMs ?? inferLoadStart(durations, relative, offsetOf);
  const scheduledAt = (index: number): number => loadStartMs + offsetOf(index);
  const samples: Sample[] = [];
  const seen = [...new Set([...durations.keys(), ...responses.keys()])].sort((a, b) => a - b);
  for (const index of seen) {
    const duration = durations.get(index);
    const response = responses.get(index);
    const spec = context.requests[index];
    const tags = { ...response?.tags, ...duration?.tags };
    const endedAtMs = relative((duration ?? response)!.timeEpochMs);
    const latencyMs = duration?.value ?? Number(response?.tags.duration_ms ?? 0);
    const statusNumber = Number(tags.status ?? 0);
    const status = Number.isInteger(statusNumber) && statusNumber > 0 ? statusNumber : null;
    const k6ErrorCode = response?.tags.k6_error_code || duration?.tags.error_code;
    const sample: Sample = {
      id: context.firstSampleId + index,
      scheduledAtMs: scheduledAt(index),
      startedAtMs: endedAtMs - latencyMs,
      endedAtMs,
      method: tags.method ?? spec?.method ?? 'GET',
      routeTemplate: tags.name ?? spec?.routeTemplate ?? '',
      template: tags.template ?? spec?.template ?? 'unknown',
      kind: (tags.kind ?? spec?.kind ?? 'read') as Sample['kind'],
      status,
      errorClass: status === null ? classifyK6Error(k6ErrorCode, tags.error ?? '') : null,
      errorCode: response?.tags.error_code ? response.tags.error_code : null,
    };
    if (response !== undefined) sample.retryAfter = response.tags.retry_after ? response.tags.retry_after : null;
    const clientKey = tags.client_key || spec?.clientKey;
    if (clientKey) sample.clientKey = clientKey;
    if (sample.errorClass === 'other' && tags.error) sample.errorMessage = tags.error.slice(0, 200);
    samples.push(sample);
  }

  // k6 does not say which arrivals it dropped; the unexecuted tail of the request list stands for them.
  const caps: InFlightCapRecord[] = [];
  const unexecuted = context.requests
    .map((_spec, index) => index)
    .filter((index) => !durations.has(index) && !responses.has(index));
  drops.forEach((drop, n) => {
    const index = unexecuted[n];
    const atMs = relative(drop.timeEpochMs);
    const id = context.firstSampleId + (index ?? context.requests.length + n);
    caps.push({ atMs, sampleId: id, inFlight: context.maxInFlight, maxInFlight: context.maxInFlight });
    const spec = index === undefined ? undefined : context.requests[index];
    samples.push({
      id,
      scheduledAtMs: index === undefined ? atMs : scheduledAt(index),
      startedAtMs: atMs,
      endedAtMs: atMs,
      method: spec?.method ?? 'GET',
      routeTemplate: spec?.routeTemplate ?? '',
      template: spec?.template ?? 'unknown',
      kind: spec?.kind ?? 'read',
      status: null,
      errorClass: 'dropped',
      errorCode: null,
      ...(spec?.clientKey === undefined ? {} : { clientKey: spec.clientKey }),
    });
  });
  return { samples, caps, loadStartMs };
}

function inferLoadStart(
  durations: Map<number, K6Point>,
  relative: (epochMs: number) => number,
  offsetOf: (index: number) => number,
): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const [index, point] of durations)
    earliest = Math.min(earliest, relative(point.timeEpochMs) - point.value - offsetOf(index));
  return Number.isFinite(earliest) ? earliest : 0;
}

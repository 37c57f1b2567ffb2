// The built-in load engine: an open model over an undici Pool. Requests go out at the scheduled
// arrival times whatever the app's response times are (a slow app does not slow the schedule, so
// it cannot hide its own slowness); if `maxInFlight` requests are already out, the next one is not
// sent but recorded as dropped, with a cap record. One Sample per scheduled request; a Socket.IO
// session (socket-session.ts) is one request here, counted against the same cap.
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { TimelineRecorder } from '../timeline/recorder.ts';
import type { Sample } from '../timeline/types.ts';
import { arrivalOffsetsMs, scheduledCount } from './arrival.ts';
import { classifyError } from './classify-error.ts';
import { RequestFactory } from './request-factory.ts';
import { runSocketSession } from './socket-session.ts';
import type { LoadContext, LoadEngine, LoadProfile, RequestSpec } from './types.ts';
import { errorCodeReader } from '../target/contract.ts';
import type { RequestDefinition } from '../target/types.ts';

/** Reads `error.code` from an error body `{ error: { code, message, requestId } }`. */
/** An error answer's code, as `read` finds it in the body (parsed JSON, or the text when it is none). */
export function errorCodeOf(
  bodyText: string,
  read: (body: unknown) => string | null = errorCodeReader({}),
): string | null {
  let body: unknown = bodyText;
  try {
    body = JSON.parse(bodyText) as unknown;
  } catch {
    // not JSON: the reader gets the text
  }
  try {
    return read(body);
  } catch {
    return null;
  }
}

/** The target's reading of a 2xx body: its finite numbers, or undefined when it read nothing (or threw). */
export function readingOf(
  bodyText: string,
  status: number,
  definition: Pick<RequestDefinition<unknown>, 'read'>,
): Record<string, number> | undefined {
  let body: unknown = bodyText;
  try {
    body = JSON.parse(bodyText) as unknown;
  } catch {
    // not JSON: the reader gets the text
  }
  try {
    const figures = Object.entries(definition.read?.({ status, body }) ?? {}).filter(([, value]) =>
      Number.isFinite(value),
    );
    return figures.length === 0 ? undefined : Object.fromEntries(figures);
  } catch {
    return undefined;
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

const MAX_FIRES_WITHOUT_YIELD = 32;

/** Waits until the clock reaches atMs (never earlier); false when aborted. */
async function waitUntil(recorder: TimelineRecorder, atMs: number, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    for (let waitMs = atMs - recorder.now(); waitMs > 0; waitMs = atMs - recorder.now()) {
      // Below a millisecond a timer cannot help; yield so responses get processed meanwhile.
      if (waitMs >= 1) await sleep(Math.floor(waitMs), undefined, { signal });
      else await new Promise<void>((resolve) => setImmediate(resolve));
      if (signal?.aborted === true) return false;
    }
  } catch {
    return false;
  }
  return signal?.aborted !== true;
}

export class BuiltinLoadEngine implements LoadEngine {
  readonly name = 'builtin' as const;

  async run(
    profile: LoadProfile,
    context: LoadContext,
    recorder: TimelineRecorder,
    signal?: AbortSignal,
  ): Promise<void> {
    const factory = RequestFactory.create(context, profile.mix);
    const pool = new Pool(context.appUrl, {
      connections: profile.maxInFlight,
      pipelining: 1,
      connect: { timeout: profile.timeoutMs },
      // The per-request AbortSignal bounds the whole exchange; undici's own timers would fire first.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    const pending = new Set<Promise<void>>();
    // Held socket sessions stay connected until the schedule ends (or the run is aborted).
    const release = new AbortController();
    // One listener per held session: as many as the load holds, none of them a leak.
    setMaxListeners(0, release.signal);
    signal?.addEventListener('abort', () => release.abort(), { once: true });
    let inFlight = 0;
    let dropped = 0;

    const send = async (id: number, scheduledAtMs: number, spec: RequestSpec): Promise<void> => {
      const startedAtMs = recorder.now();
      const timeout = AbortSignal.timeout(profile.timeoutMs);
      const base = {
        id,
        scheduledAtMs,
        startedAtMs,
        method: spec.method,
        routeTemplate: spec.routeTemplate,
        template: spec.template,
        kind: spec.kind,
        ...(spec.clientKey === undefined ? {} : { clientKey: spec.clientKey }),
      };
      let sample: Sample;
      if (spec.session !== undefined) {
        const answer = await runSocketSession(
          context.appUrl,
          spec.session,
          profile.timeoutMs,
          () => recorder.now(),
          release.signal,
        );
        recorder.recordSample({ ...base, ...answer });
        return;
      }
      try {
        const response = await pool.request({
          path: spec.path,
          method: spec.method,
          headers: spec.headers,
          body: spec.body ?? null,
          signal: timeout,
        });
        const ok = response.statusCode >= 200 && response.statusCode < 300;
        const definition = context.requests[spec.template];
        const reads = ok && definition?.read !== undefined;
        // Error bodies are small and carry the code the checks need; success bodies are only drained,
        // unless the target reads figures from them.
        const text = ok && !reads ? (await response.body.dump(), '') : await response.body.text();
        const reading =
          reads && definition !== undefined ? readingOf(text, response.statusCode, definition) : undefined;
        sample = {
          ...base,
          endedAtMs: recorder.now(),
          status: response.statusCode,
          errorClass: null,
          errorCode: ok ? null : errorCodeOf(text, context.errorCode),
          retryAfter: headerValue(response.headers['retry-after']),
          ...(reading === undefined ? {} : { reading }),
        };
      } catch (error) {
        const errorClass = classifyError(error, timeout.aborted);
        sample = { ...base, endedAtMs: recorder.now(), status: null, errorClass, errorCode: null };
        if (errorClass === 'other') sample.errorMessage = String((error as Error)?.message ?? error).slice(0, 200);
      }
      recorder.recordSample(sample);
    };

    const fire = (scheduledAtMs: number): void => {
      const id = recorder.nextSampleId();
      // Build every scheduled request, sent or not, so the request sequence depends on the seed alone.
      const spec = factory.next();
      if (inFlight >= profile.maxInFlight) {
        const atMs = recorder.now();
        dropped++;
        recorder.recordInFlightCap({ atMs, sampleId: id, inFlight, maxInFlight: profile.maxInFlight });
        recorder.recordSample({
          id,
          scheduledAtMs,
          startedAtMs: atMs,
          endedAtMs: atMs,
          method: spec.method,
          routeTemplate: spec.routeTemplate,
          template: spec.template,
          kind: spec.kind,
          status: null,
          errorClass: 'dropped',
          errorCode: null,
          ...(spec.clientKey === undefined ? {} : { clientKey: spec.clientKey }),
        });
        return;
      }
      inFlight++;
      const promise = send(id, scheduledAtMs, spec).finally(() => {
        inFlight--;
        pending.delete(promise);
      });
      pending.add(promise);
    };

    try {
      if (!(await waitUntil(recorder, profile.startAtMs, signal))) return;
      const anchorMs = recorder.now();
      recorder.mark('load-start', anchorMs, {
        engine: this.name,
        scheduled: scheduledCount(profile.arrival),
        maxInFlight: profile.maxInFlight,
      });
      let aborted = false;
      let firedSinceYield = 0;
      for (const offsetMs of arrivalOffsetsMs(profile.arrival)) {
        const dueMs = anchorMs + offsetMs;
        if (dueMs > recorder.now()) {
          firedSinceYield = 0;
          if (!(await waitUntil(recorder, dueMs, signal))) {
            aborted = true;
            break;
          }
        } else if (++firedSinceYield >= MAX_FIRES_WITHOUT_YIELD) {
          // Behind schedule: catch up in bursts, but let responses in between, or in-flight
          // requests would never complete and every arrival of the burst would be dropped.
          firedSinceYield = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
          if (signal?.aborted === true) {
            aborted = true;
            break;
          }
        }
        fire(dueMs);
      }
      release.abort();
      await Promise.allSettled([...pending]);
      recorder.mark('load-end', recorder.now(), { engine: this.name, dropped, aborted });
    } finally {
      release.abort();
      await Promise.allSettled([...pending]);
      await pool.close();
    }
  }
}

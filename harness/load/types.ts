// The load contract: a validated profile (an open-model arrival rate, like k6's
// ramping-arrival-rate executor), the requests it is made of, and the engine interface the runner
// drives. Engines (builtin undici, k6) record one Sample per scheduled request into the recorder.
import type { Mix, MixEntry } from './mix.ts';
import type { TargetFixtures } from '../target/fixtures.ts';
import type { Target } from '../target/types.ts';
import type { TimelineRecorder } from '../timeline/recorder.ts';
import type { SampleKind } from '../timeline/types.ts';

export type { MixEntry };

/** One linear ramp from the previous stage's rate (or startRatePerSec) to targetPerSec. */
export interface RateStage {
  durationMs: number;
  targetPerSec: number;
}

export type ArrivalRate =
  | { type: 'constant'; ratePerSec: number; durationMs: number }
  | { type: 'ramping'; startRatePerSec: number; stages: RateStage[] };

export interface LoadProfile {
  /** When load begins, relative to the run's origin. */
  startAtMs: number;
  arrival: ArrivalRate;
  /** Total length of the arrival schedule (the sum of the stages, or the constant duration). */
  durationMs: number;
  /** Requests in flight at most; a scheduled request beyond it is dropped and recorded as such. */
  maxInFlight: number;
  /** Per-request timeout (connect + response); set it above the app's query timeout. */
  timeoutMs: number;
  /** The requests it sends: named weights (empty: the target's default mix) or a selection by kind and tag. */
  mix: Mix;
}

/**
 * A Socket.IO session: connect with the token in the handshake's auth, emit each event in order with
 * an acknowledgement (the first error acknowledgement ends the session), then disconnect.
 */
export interface SocketSessionSpec {
  token: string;
  emits: { event: string; payload: unknown }[];
  /**
   * Stay connected after the last acknowledgement until the load's schedule ends (or the server
   * drops the socket), as a user keeping a page open: the sample then says when it closed and who
   * closed it. The session's timeout bounds the handshake and the emits, not the hold.
   */
  hold?: boolean;
}

/** A concrete request, ready to send: an HTTP request, or (method 'SOCKET') a Socket.IO session. */
export interface RequestSpec {
  template: string;
  kind: SampleKind;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'SOCKET';
  /** e.g. '/books/:id' */
  routeTemplate: string;
  /** e.g. '/books/17' */
  path: string;
  headers: Record<string, string>;
  /** JSON text, when the request has a body. */
  body?: string;
  clientKey?: string;
  /** Set exactly when method is 'SOCKET'. */
  session?: SocketSessionSpec;
}

/** What an engine needs besides the profile: where the app is and what to build requests from. */
export interface LoadContext {
  /** e.g. http://127.0.0.1:41234 — no trailing slash. */
  appUrl: string;
  /** The target's requests, by name, and the mix a profile without its own gets. */
  requests: Target['requests'];
  defaultMix: Target['defaultMix'];
  /** Its pools and prepared state, as the environment read them. */
  fixtures: TargetFixtures;
  /** Reads an error answer's code from its body (the target's reader); default `error.code`, else `code`. */
  errorCode?: (body: unknown) => string | null;
  /** Prefixes client keys (`<runId>-<seq>`), so keys never collide across runs. */
  runId: string;
  /** Seeds the RNG that picks templates and ids; the same seed gives the same requests. */
  rngSeed: number;
}

export interface LoadEngine {
  readonly name: 'builtin' | 'k6';
  /**
   * Runs the profile to its end (or until `signal` aborts), recording one Sample per scheduled
   * request and a marker at load start and end. Resolves once every sent request has settled.
   */
  run(profile: LoadProfile, context: LoadContext, recorder: TimelineRecorder, signal?: AbortSignal): Promise<void>;
}

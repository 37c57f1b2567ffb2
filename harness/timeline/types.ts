// The recorded timeline of one run: everything a check may look at, and nothing else. The runner,
// the load engine and the probes append to it through a TimelineRecorder; checks read a frozen
// snapshot. Every time is in milliseconds relative to the run's origin (StartedEnvironment.now()).

/** What a request was for; checks pick the samples they judge by kind. 'socket' is a Socket.IO session. */
export type SampleKind = 'read' | 'write' | 'p2025-probe' | 'health' | 'socket';

/**
 * How a Socket.IO session (kind 'socket') was answered: every acknowledgement ok ('acked'), the
 * handshake refused with a connect_error ('refused'), or an acknowledgement with ok false
 * ('error-ack'), which ends the session. A session that got none of these has no outcome.
 */
export interface SocketOutcome {
  outcome: 'acked' | 'refused' | 'error-ack';
  /** What ended the session: 'connect' (the handshake) or the event whose acknowledgement did. */
  step: string;
  /** When the handshake was admitted (absent when it was refused). */
  admittedAtMs?: number;
  /**
   * A held session (SocketSessionSpec.hold): when its hold began (its last acknowledgement), when
   * its connection closed, and whether the server or the network closed it (`dropped`) before the
   * load let it go.
   */
  heldAtMs?: number;
  closedAtMs?: number;
  dropped?: boolean;
}

/**
 * Why a request got no HTTP status. `dropped` means the harness did not send it because its
 * in-flight cap was reached (see InFlightCapRecord): an overload of the harness, not an app answer.
 */
export type ErrorClass = 'ECONNREFUSED' | 'ECONNRESET' | 'timeout' | 'other' | 'dropped';

/** One request of the load (or a request the load scheduled but dropped). */
export interface Sample {
  /** Unique within the run; the order in which the load scheduled requests. */
  id: number;
  /** When the arrival schedule wanted it sent (open model: independent of earlier responses). */
  scheduledAtMs: number;
  /** When it was actually sent (equals scheduledAtMs for dropped samples). */
  startedAtMs: number;
  /** When the response body was read or the request failed. */
  endedAtMs: number;
  method: string;
  /** The route with placeholders, e.g. '/books/:id' — for grouping, never an id. */
  routeTemplate: string;
  /** The request template that built it, e.g. 'tickets.create'. */
  template: string;
  kind: SampleKind;
  /** The HTTP status, or null when no response arrived (always null for a socket session). */
  status: number | null;
  /** Set exactly when no answer arrived: an HTTP request without a status, a session without an outcome. */
  errorClass: ErrorClass | null;
  /**
   * `error.code` from a non-2xx JSON body, e.g. 'DATABASE_UNAVAILABLE'; for a socket session the
   * handshake's refusal reason or the error acknowledgement's code.
   */
  errorCode: string | null;
  /** How a socket session was answered; set exactly for kind 'socket' sessions that got an answer. */
  socket?: SocketOutcome;
  /** The Retry-After header of the response, when it had one. */
  retryAfter?: string | null;
  /** The client-chosen unique key of a write. */
  clientKey?: string;
  /** A short message for errorClass 'other' (the transport error), for evidence. */
  errorMessage?: string;
  /** What the target's `read` of the request found in a 2xx answer: named numbers (builtin engine only). */
  reading?: Record<string, number>;
}

/** What a fault acts on. Postgres-server faults are 'database' faults too (details say how). */
export type FaultTarget = 'database' | 'redis' | 'app';

/**
 * What the app should observe while the fault holds: 'unavailable' (connections fail or hang
 * past the query timeout), 'degraded' (slow but answering), 'restore' (puts things back).
 */
export type FaultEffect = 'unavailable' | 'degraded' | 'restore';

/** One applied fault, from the moment it was asked for until it was reverted (null: never). */
export interface FaultWindow {
  /** Unique within the run, e.g. 'dbDown@3000'. */
  name: string;
  /** The fault descriptor's type, e.g. 'dbDown', 'dbLatency', 'postgresStop'. */
  kind: string;
  target: FaultTarget;
  effect: FaultEffect;
  requestedAtMs: number;
  /** When the fault was in place (the Toxiproxy call returned, the process was gone). */
  effectiveAtMs: number;
  /** When the revert completed; null if the fault held until the end of the run. */
  endedAtMs: number | null;
  details: Record<string, unknown>;
}

/** A health endpoint, by the name its target gives it. */
export type HealthEndpoint = string;

/** One answer (or non-answer) of a health endpoint. */
export interface HealthProbe {
  /** When the probe was sent. */
  atMs: number;
  /** When it answered or failed; absent means "same as atMs". */
  endedAtMs?: number;
  endpoint: HealthEndpoint;
  status: number | null;
  /** The body's `status` ('ok' | 'degraded' | 'unavailable' for health endpoints). */
  bodyStatus?: string;
  /** The body's database state ('ready', 'reconnecting', ... or 'up'/'down' for detailed). */
  database?: string;
  /** What the answer says, as the target reads its endpoint: the database's state, the overall status. */
  reading?: { database?: 'up' | 'down'; status?: 'ok' | 'degraded' | 'down' };
  errorClass?: ErrorClass;
  errorCode?: string | null;
}

/** `instance`: which app instance (0-based), when the environment runs several. */
export type ProcessEvent =
  | { type: 'start'; atMs: number; pid: number | undefined; instance?: number }
  | {
      type: 'exit';
      atMs: number;
      instance?: number;
      pid: number | undefined;
      code: number | null;
      signal: string | null;
      /** True when the harness asked for it (appKill, appRestart, the end of the run). */
      expected: boolean;
    };

/** One line the app wrote; JSON fields lifted out when the line was pino JSON. */
export interface LogEvent {
  atMs: number;
  /** Which app instance wrote it (0-based), when the environment runs several. */
  instance?: number;
  stream: 'stdout' | 'stderr';
  /** pino's numeric level (50 error, 60 fatal), also for a named level; null when the line gives none. */
  level: number | null;
  /** The line's `event` field (JSON, or `event=` in a text line), e.g. 'db.state', 'startup.failed'. */
  event?: string;
  /** The target's `logs.unhandled` recognised it as an unhandled error or a crash. */
  unhandled?: true;
  msg: string;
  requestId?: string;
  raw: string;
  json?: Record<string, unknown>;
}

export type KnownMarker = 'run-start' | 'app-start-requested' | 'app-ready' | 'load-start' | 'load-end' | 'run-end';

/** A named moment of the run, recorded by the runner or the load engine. */
export interface PhaseMarker {
  name: KnownMarker | (string & {});
  atMs: number;
  details?: Record<string, unknown>;
}

/** The load engine's in-flight cap was reached and a scheduled request was not sent. */
export interface InFlightCapRecord {
  atMs: number;
  sampleId: number;
  inFlight: number;
  maxInFlight: number;
}

/**
 * Filled by the runner after the run, by reading the database directly (not through the app):
 * which of the acknowledged clientKeys it looked for, and which of those it found.
 */
export interface WriteReadback {
  atMs: number;
  checkedKeys: string[];
  foundKeys: string[];
  /** Set when the readback itself failed (then the check cannot pass). */
  error?: string;
}

export interface Timeline {
  runId: string;
  /** The seed of the run's RNG; printed so the run can be repeated. */
  seed: number;
  /** Date.now() at the origin, to map relative times to wall-clock ones (k6 output, reports). */
  originEpochMs: number;
  /** When the recording ended (relative). */
  endedAtMs: number;
  samples: Sample[];
  faults: FaultWindow[];
  health: HealthProbe[];
  process: ProcessEvent[];
  logs: LogEvent[];
  markers: PhaseMarker[];
  inFlightCaps: InFlightCapRecord[];
  writeReadback: WriteReadback | null;
}

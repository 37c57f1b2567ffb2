// The one place a run's observations go. Append-only: the load engine, the probes and the fault
// scheduler add facts as they happen (a fault window gets its effective and end times once each);
// nothing is edited or removed. `finish()` seals it and hands out the Timeline the checks read.
import type {
  FaultEffect,
  FaultTarget,
  FaultWindow,
  HealthProbe,
  InFlightCapRecord,
  LogEvent,
  PhaseMarker,
  ProcessEvent,
  Sample,
  Timeline,
  WriteReadback,
} from './types.ts';
import { ExitCode, FaultlineError } from '../cli/exit-codes.ts';

/** Milliseconds since the run's origin; StartedEnvironment satisfies it. */
export interface Clock {
  now(): number;
}

export type RecorderErrorCode = 'RECORDER_SEALED' | 'FAULT_UNKNOWN' | 'FAULT_ALREADY_SET' | 'READBACK_ALREADY_SET';

/** Misuse of the recorder: a harness bug (exit code 4). */
export class RecorderError extends FaultlineError {
  readonly exitCode = ExitCode.HarnessFailed;
  constructor(
    readonly code: RecorderErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RecorderError';
  }
}

export interface FaultStart {
  /** Defaults to `<kind>@<requestedAtMs>`; made unique if taken. */
  name?: string;
  kind: string;
  target: FaultTarget;
  effect: FaultEffect;
  details?: Record<string, unknown>;
  requestedAtMs?: number;
}

export interface TimelineRecorderOptions {
  runId: string;
  seed: number;
  clock: Clock;
  /** Date.now() at the clock's origin; computed from the clock when omitted. */
  originEpochMs?: number;
}

export class TimelineRecorder implements Clock {
  readonly runId: string;
  readonly seed: number;
  readonly originEpochMs: number;
  private readonly clock: Clock;
  private sealed: Timeline | null = null;
  private sampleSeq = 0;
  private readonly samples: Sample[] = [];
  private readonly faults = new Map<string, FaultWindow>();
  private readonly effectiveSet = new Set<string>();
  private readonly health: HealthProbe[] = [];
  private readonly process: ProcessEvent[] = [];
  private readonly logs: LogEvent[] = [];
  private readonly markers: PhaseMarker[] = [];
  private readonly inFlightCaps: InFlightCapRecord[] = [];
  private writeReadback: WriteReadback | null = null;

  constructor(options: TimelineRecorderOptions) {
    this.runId = options.runId;
    this.seed = options.seed;
    this.clock = options.clock;
    this.originEpochMs = options.originEpochMs ?? Date.now() - options.clock.now();
  }

  now(): number {
    return this.clock.now();
  }

  /** A fresh sample id (the load engines number their requests with it). */
  nextSampleId(): number {
    return this.sampleSeq++;
  }

  recordSample(sample: Sample): void {
    this.open();
    this.samples.push(sample);
    if (sample.id >= this.sampleSeq) this.sampleSeq = sample.id + 1;
  }

  /** A fault was asked for; returns its window's name for faultEffective/faultEnded. */
  faultRequested(start: FaultStart): string {
    this.open();
    const requestedAtMs = start.requestedAtMs ?? this.now();
    const base = start.name ?? `${start.kind}@${Math.round(requestedAtMs)}`;
    let name = base;
    for (let n = 2; this.faults.has(name); n++) name = `${base}#${n}`;
    this.faults.set(name, {
      name,
      kind: start.kind,
      target: start.target,
      effect: start.effect,
      requestedAtMs,
      effectiveAtMs: requestedAtMs,
      endedAtMs: null,
      details: start.details ?? {},
    });
    return name;
  }

  /** The fault is in place (the proxy call returned, the process is gone). Once per window. */
  faultEffective(name: string, atMs = this.now()): void {
    const window = this.window(name);
    if (this.effectiveSet.has(name))
      throw new RecorderError('FAULT_ALREADY_SET', `fault ${name} already has its effective time`);
    this.effectiveSet.add(name);
    window.effectiveAtMs = atMs;
  }

  /** The fault was reverted. Once per window. */
  faultEnded(name: string, atMs = this.now()): void {
    const window = this.window(name);
    if (window.endedAtMs !== null)
      throw new RecorderError('FAULT_ALREADY_SET', `fault ${name} already ended at ${window.endedAtMs} ms`);
    window.endedAtMs = atMs;
  }

  /** Windows not yet ended, e.g. for dbUp() to close the dbDown() it restores. */
  openFaults(filter: (window: FaultWindow) => boolean = () => true): FaultWindow[] {
    return [...this.faults.values()]
      .filter((window) => window.endedAtMs === null && filter(window))
      .map((window) => structuredClone(window));
  }

  recordHealth(probe: HealthProbe): void {
    this.open();
    this.health.push(probe);
  }

  recordProcess(event: ProcessEvent): void {
    this.open();
    this.process.push(event);
  }

  recordLog(event: LogEvent): void {
    this.open();
    this.logs.push(event);
  }

  mark(name: PhaseMarker['name'], atMs = this.now(), details?: Record<string, unknown>): void {
    this.open();
    this.markers.push(details === undefined ? { name, atMs } : { name, atMs, details });
    for (const waiter of this.markWaiters.splice(0)) waiter(name, atMs);
  }

  private readonly markWaiters: ((name: string, atMs: number) => void)[] = [];

  /** Resolves with the time of the first marker of that name (at once if it is already there). */
  nextMark(name: PhaseMarker['name']): Promise<number> {
    const existing = this.markers.find((marker) => marker.name === name);
    if (existing !== undefined) return Promise.resolve(existing.atMs);
    return new Promise((resolve) => {
      const wait = (seen: string, atMs: number): void => {
        if (seen === name) resolve(atMs);
        else this.markWaiters.push(wait);
      };
      this.markWaiters.push(wait);
    });
  }

  recordInFlightCap(record: InFlightCapRecord): void {
    this.open();
    this.inFlightCaps.push(record);
  }

  /** The runner's direct-database readback of acknowledged writes; set once, before or after finish(). */
  setWriteReadback(readback: WriteReadback): void {
    if (this.writeReadback !== null)
      throw new RecorderError('READBACK_ALREADY_SET', 'the write readback is already recorded');
    this.writeReadback = readback;
    if (this.sealed !== null) this.sealed = { ...this.sealed, writeReadback: structuredClone(readback) };
  }

  /** A copy of everything so far (for live reporters); the recorder keeps recording. */
  snapshot(endedAtMs = this.now()): Timeline {
    if (this.sealed !== null) return structuredClone(this.sealed);
    const byTime = <T extends { atMs: number }>(items: T[]): T[] => [...items].sort((a, b) => a.atMs - b.atMs);
    return structuredClone({
      runId: this.runId,
      seed: this.seed,
      originEpochMs: this.originEpochMs,
      endedAtMs,
      samples: [...this.samples].sort((a, b) => a.scheduledAtMs - b.scheduledAtMs || a.id - b.id),
      faults: [...this.faults.values()].sort((a, b) => a.requestedAtMs - b.requestedAtMs),
      health: byTime(this.health),
      process: byTime(this.process),
      logs: byTime(this.logs),
      markers: byTime(this.markers),
      inFlightCaps: byTime(this.inFlightCaps),
      writeReadback: this.writeReadback,
    });
  }

  /** Seals the recording: later appends throw (a late probe is a bug worth seeing). */
  finish(endedAtMs = this.now()): Timeline {
    if (this.sealed === null) this.sealed = this.snapshot(endedAtMs);
    return structuredClone(this.sealed);
  }

  private open(): void {
    if (this.sealed !== null)
      throw new RecorderError('RECORDER_SEALED', 'the timeline is sealed; nothing can be recorded after finish()');
  }

  private window(name: string): FaultWindow {
    this.open();
    const window = this.faults.get(name);
    if (window === undefined) throw new RecorderError('FAULT_UNKNOWN', `no fault window named ${name}`);
    return window;
  }
}

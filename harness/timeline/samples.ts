// Small questions every check asks of samples and probes, answered in one place so that checks
// agree on what "answered", "acknowledged" and "connection error" mean.
import type { ErrorClass, HealthProbe, Sample, Timeline } from './types.ts';

/** Every health endpoint a probe may poll, in the order the poller polls them. */

/** The harness sent it (it was not dropped at the in-flight cap). */
export function wasSent(sample: Sample): boolean {
  return sample.errorClass !== 'dropped';
}

/** An HTTP request (not a Socket.IO session): the samples HTTP status checks judge. */
export function isHttp(sample: Sample): boolean {
  return sample.kind !== 'socket';
}

/** The app answered: an HTTP status, or a socket session acked, refused or given an error ack. */
export function gotAnswer(sample: Sample): boolean {
  return sample.status !== null || sample.socket !== undefined;
}

/** The app answered with an HTTP status. */
export function wasAnswered(sample: Sample): sample is Sample & { status: number } {
  return sample.status !== null;
}

export function isConnectionError(errorClass: ErrorClass | null | undefined): boolean {
  return errorClass === 'ECONNREFUSED' || errorClass === 'ECONNRESET';
}

export function latencyMs(sample: Sample): number {
  return sample.endedAtMs - sample.startedAtMs;
}

export function is2xx(status: number | null | undefined): boolean {
  return typeof status === 'number' && status >= 200 && status < 300;
}

/** Writes the app acknowledged with a 2xx, in the order they were scheduled. */
export function acknowledgedWrites(timeline: Pick<Timeline, 'samples'>): (Sample & { clientKey: string })[] {
  return timeline.samples.filter(
    (sample): sample is Sample & { clientKey: string } =>
      sample.kind === 'write' && is2xx(sample.status) && typeof sample.clientKey === 'string',
  );
}

/** The clientKeys the runner should read back after the run (deduplicated: replays reuse a key). */
export function acknowledgedClientKeys(timeline: Pick<Timeline, 'samples'>): string[] {
  return [...new Set(acknowledgedWrites(timeline).map((sample) => sample.clientKey))];
}

/** Samples sorted by when they were sent (ties by id), without mutating the timeline. */
export function bySendTime<T extends Sample>(samples: readonly T[]): T[] {
  return [...samples].sort((a, b) => a.startedAtMs - b.startedAtMs || a.id - b.id);
}

export function probeEndMs(probe: HealthProbe): number {
  return probe.endedAtMs ?? probe.atMs;
}

/** The health answer says the database is fine (the app can serve). */
export function probeSaysUp(probe: HealthProbe): boolean {
  return probe.status !== null && probe.reading?.database === 'up';
}

/** The health answer says the database is unavailable. */
export function probeSaysDown(probe: HealthProbe): boolean {
  return probe.status !== null && probe.reading?.database === 'down';
}

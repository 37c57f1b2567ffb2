// Which phase of the run a request (or probe) belongs to, so checks can hold the app to different
// standards when it is steady, while a fault holds, and in the grace period after one:
//   startup   from the app's start until it first answered anything (connection errors expected)
//   app-down  while the harness has the app process down, until it answers again
//   fault     overlapping a database or Redis fault window (requested → ended)
//   grace     within graceMs after such a window ended
//   steady    none of the above
// A request that overlaps several takes the first in that order. Every boundary is derived from
// recorded facts (process starts, fault windows, the first answers), never from wall-clock guesses.
import type { FaultTarget, FaultWindow, Timeline } from './types.ts';

export type Phase = 'startup' | 'app-down' | 'fault' | 'grace' | 'steady';
export const PHASES: readonly Phase[] = ['startup', 'app-down', 'fault', 'grace', 'steady'];

/** Half-open [startMs, endMs); endMs may be Infinity. */
export interface Interval {
  startMs: number;
  endMs: number;
}

export interface PhaseOptions {
  /** How long after a fault ends the app may still be catching up. */
  graceMs: number;
}

const overlaps = (interval: Interval, startMs: number, endMs: number): boolean =>
  startMs < interval.endMs && endMs >= interval.startMs;

/** Windows that put the target at fault (restores such as dbUp are instants, not windows). */
export function faultWindows(
  timeline: Pick<Timeline, 'faults'>,
  filter: { target?: FaultTarget; effect?: FaultWindow['effect'] } = {},
): FaultWindow[] {
  return timeline.faults.filter(
    (window) =>
      window.effect !== 'restore' &&
      (filter.target === undefined || window.target === filter.target) &&
      (filter.effect === undefined || window.effect === filter.effect),
  );
}

export function windowInterval(window: FaultWindow): Interval {
  return { startMs: window.requestedAtMs, endMs: window.endedAtMs ?? Number.POSITIVE_INFINITY };
}

/** Times at which the app answered something (any HTTP status), ascending. */
export function answerTimes(timeline: Pick<Timeline, 'samples' | 'health'>): number[] {
  const times = [
    ...timeline.samples.filter((sample) => sample.status !== null).map((sample) => sample.startedAtMs),
    ...timeline.health.filter((probe) => probe.status !== null).map((probe) => probe.atMs),
  ];
  return times.sort((a, b) => a - b);
}

function firstAtOrAfter(sortedTimes: number[], atMs: number): number {
  // Binary search: these arrays hold one entry per request of a whole run.
  let low = 0;
  let high = sortedTimes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sortedTimes[mid] as number) < atMs) low = mid + 1;
    else high = mid;
  }
  return sortedTimes[low] ?? Number.POSITIVE_INFINITY;
}

/**
 * The simple question, from fault windows alone: is `atMs` steady, during a (non-app) fault, or
 * in the grace period after one? PhaseMap adds startup and app-down, which need the rest of the timeline.
 */
export function phaseAt(atMs: number, faults: readonly FaultWindow[], graceMs: number): 'fault' | 'grace' | 'steady' {
  const windows = faultWindows({ faults: [...faults] }).filter((window) => window.target !== 'app');
  if (windows.some((window) => atMs >= window.requestedAtMs && atMs < (window.endedAtMs ?? Number.POSITIVE_INFINITY)))
    return 'fault';
  if (
    windows.some((window) => window.endedAtMs !== null && atMs >= window.endedAtMs && atMs < window.endedAtMs + graceMs)
  )
    return 'grace';
  return 'steady';
}

export class PhaseMap {
  readonly startup: Interval[];
  readonly appDown: Interval[];
  readonly fault: { interval: Interval; window: FaultWindow }[];
  readonly grace: { interval: Interval; window: FaultWindow }[];

  constructor(timeline: Pick<Timeline, 'samples' | 'health' | 'faults' | 'process'>, options: PhaseOptions) {
    const answers = answerTimes(timeline);
    const starts = timeline.process.filter((event) => event.type === 'start').map((event) => event.atMs);
    // Before the first start the app is not up either (scenarios may start it after faults are in place).
    const startupFrom = [0, ...starts.slice(1)];
    this.startup = startupFrom.map((startMs) => ({ startMs, endMs: firstAtOrAfter(answers, startMs) }));
    this.appDown = faultWindows(timeline, { target: 'app' }).map((window) => ({
      startMs: window.requestedAtMs,
      endMs: window.endedAtMs === null ? Number.POSITIVE_INFINITY : firstAtOrAfter(answers, window.endedAtMs),
    }));
    const others = faultWindows(timeline).filter((window) => window.target !== 'app');
    this.fault = others.map((window) => ({ interval: windowInterval(window), window }));
    this.grace = others
      .filter((window) => window.endedAtMs !== null)
      .map((window) => ({
        interval: { startMs: window.endedAtMs as number, endMs: (window.endedAtMs as number) + options.graceMs },
        window,
      }));
  }

  static of(timeline: Pick<Timeline, 'samples' | 'health' | 'faults' | 'process'>, options: PhaseOptions): PhaseMap {
    return new PhaseMap(timeline, options);
  }

  /** The phase of something that started at startMs and ended at endMs. */
  phaseOf(startMs: number, endMs = startMs): Phase {
    if (this.startup.some((interval) => startMs >= interval.startMs && startMs < interval.endMs)) return 'startup';
    if (this.appDown.some((interval) => overlaps(interval, startMs, endMs))) return 'app-down';
    if (this.fault.some(({ interval }) => overlaps(interval, startMs, endMs))) return 'fault';
    if (this.grace.some(({ interval }) => overlaps(interval, startMs, endMs))) return 'grace';
    return 'steady';
  }

  /** The database/Redis fault windows (or their grace periods, with includeGrace) overlapping the span. */
  faultsAt(
    startMs: number,
    endMs = startMs,
    options: { target?: FaultTarget; includeGrace?: boolean } = {},
  ): FaultWindow[] {
    const pool = options.includeGrace === true ? [...this.fault, ...this.grace] : this.fault;
    const found = new Set<FaultWindow>();
    for (const { interval, window } of pool) {
      if ((options.target === undefined || window.target === options.target) && overlaps(interval, startMs, endMs))
        found.add(window);
    }
    return [...found];
  }
}

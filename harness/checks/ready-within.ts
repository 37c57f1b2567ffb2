// ready-within: the startup race. The app (started, possibly, while the database was down) must be
// ready — its first 2xx, or a health answer saying ok — within a bound after the database became
// reachable. "Reachable" is the first moment from the app's start not covered by a database window
// that makes it unavailable. Figure: readyAfterDbMs.
import { z } from 'zod';
import { durationMsSchema } from '../lib/duration.ts';
import { faultWindows } from '../timeline/phases.ts';
import { is2xx, probeEndMs, probeSaysUp, wasSent } from '../timeline/samples.ts';
import type { Timeline } from '../timeline/types.ts';
import { checkResult } from './result.ts';
import type { Check } from './types.ts';

/** The first time ≥ fromMs at which no database-unavailable window holds; null if one never ends. */
export function databaseReachableAtMs(timeline: Pick<Timeline, 'faults'>, fromMs: number): number | null {
  const windows = faultWindows(timeline, { target: 'database', effect: 'unavailable' });
  let atMs = fromMs;
  for (let moved = true; moved;) {
    moved = false;
    for (const window of windows) {
      if (window.requestedAtMs <= atMs && (window.endedAtMs === null || window.endedAtMs > atMs)) {
        if (window.endedAtMs === null) return null;
        atMs = window.endedAtMs;
        moved = true;
      }
    }
  }
  return atMs;
}

/** The first moment ≥ fromMs the app proved ready: a 2xx answer ended, or a health probe said up. */
export function firstReadyAtMs(timeline: Pick<Timeline, 'samples' | 'health'>, fromMs: number): number | null {
  const times = [
    ...timeline.samples
      .filter((sample) => wasSent(sample) && is2xx(sample.status) && sample.startedAtMs >= fromMs)
      .map((sample) => sample.endedAtMs),
    ...timeline.health.filter((probe) => probe.atMs >= fromMs && probeSaysUp(probe)).map(probeEndMs),
  ];
  return times.length === 0 ? null : Math.min(...times);
}

export const readyWithin: Check<{ withinMs: number }> = {
  name: 'ready-within',
  judgesStartup: true,
  description:
    'At startup, the app is ready (first 2xx or health ok) within a bound after the database became reachable.',
  optionsSchema: z.strictObject({ withinMs: durationMsSchema }),
  evaluate(timeline, { options }) {
    const appStartMs = timeline.process.find((event) => event.type === 'start')?.atMs ?? 0;
    const dbReachableMs = databaseReachableAtMs(timeline, appStartMs);
    const readyMs = firstReadyAtMs(timeline, appStartMs);
    const figures: Record<string, number> = { appStartMs: Math.round(appStartMs) };
    if (dbReachableMs !== null) figures.dbReachableMs = Math.round(dbReachableMs);
    if (readyMs !== null) figures.readyMs = Math.round(readyMs);
    if (dbReachableMs === null) {
      return checkResult(this.name, {
        passed: false,
        summary: 'The database never became reachable during the run: readiness could not be judged.',
        figures,
      });
    }
    if (readyMs === null) {
      return checkResult(this.name, {
        passed: false,
        summary: `The app never became ready (no 2xx, no health ok) after the database became reachable at ${Math.round(dbReachableMs)} ms.`,
        figures,
        offending: [
          {
            type: 'note',
            note: `database reachable at ${Math.round(dbReachableMs)} ms; no ready answer until the run ended at ${Math.round(timeline.endedAtMs)} ms`,
          },
        ],
      });
    }
    const readyAfterDbMs = readyMs - dbReachableMs;
    figures.readyAfterDbMs = Math.round(readyAfterDbMs);
    const passed = readyAfterDbMs <= options.withinMs;
    return checkResult(this.name, {
      passed,
      summary: passed
        ? `Ready ${Math.round(Math.max(0, readyAfterDbMs))} ms after the database became reachable (bound ${options.withinMs} ms).`
        : `Ready only ${Math.round(readyAfterDbMs)} ms after the database became reachable (bound ${options.withinMs} ms).`,
      figures,
      offending: passed
        ? []
        : [
            {
              type: 'note',
              note: `database reachable at ${Math.round(dbReachableMs)} ms, first ready answer at ${Math.round(readyMs)} ms`,
            },
          ],
    });
  },
};

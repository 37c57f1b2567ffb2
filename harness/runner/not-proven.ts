// Whether a finished run tried what its scenario is about. A fault counted from readiness must meet
// a serving app: one that lands while the app is still booting (a restart that took longer than the
// scenario allowed, on a busy machine) tests nothing, and the run is not proven — never a pass, and
// never a failure the app did not earn.
import type { Scenario } from '../scenario/types.ts';
import type { FaultWindow, Timeline } from '../timeline/types.ts';

/**
 * How recently before a fault the app must have answered something (any status: a request of the
 * load or a health probe, which polls every 100 ms) for the fault to have met a serving app.
 */
export const SERVING_WINDOW_MS = 3_000;

/** How long a scenario on the 'ready' clock waits for the app's first healthy answer: beyond the default startup retry budget (about 30 s) on a busy machine. */
export const READY_WAIT_MS = 60_000;

function answeredBetween(timeline: Timeline, fromMs: number, toMs: number): boolean {
  const within = (atMs: number): boolean => atMs >= fromMs && atMs <= toMs;
  return (
    timeline.samples.some((sample) => sample.status !== null && within(sample.endedAtMs)) ||
    timeline.health.some((probe) => probe.status !== null && within(probe.endedAtMs ?? probe.atMs))
  );
}

/**
 * Faults that took effect after the app was first ready, while it was answering nothing. An app that
 * had exited on its own before the fault is not "still starting": its crash is the verdict (no-crash
 * judges it), so the faults after it are not counted as missed.
 */
export function faultsThatMissedTheApp(timeline: Timeline, readyAtMs: number): FaultWindow[] {
  const crashedAtMs = Math.min(
    ...timeline.process.filter((event) => event.type === 'exit' && !event.expected).map((event) => event.atMs),
  );
  return timeline.faults.filter(
    (fault) =>
      fault.effect !== 'restore' &&
      fault.effectiveAtMs >= readyAtMs &&
      fault.effectiveAtMs < crashedAtMs &&
      !answeredBetween(timeline, fault.effectiveAtMs - SERVING_WINDOW_MS, fault.effectiveAtMs),
  );
}

/** Why a finished run did not try what its scenario is about, or undefined when it did. */
export function notProvenReason(
  scenario: Scenario,
  timeline: Timeline,
  readyAtMs: number | null,
  readyFaultsRan: boolean,
): string | undefined {
  const waitsForReady = scenario.clock === 'ready' || scenario.plan.some((action) => action.anchor === 'ready');
  if (!waitsForReady) return undefined;
  if (readyAtMs === null)
    return `the app never answered healthy within ${scenario.clock === 'ready' ? READY_WAIT_MS : scenario.durationMs} ms, so the faults and load counted from readiness never met a serving app`;
  if (!readyFaultsRan) return 'the run ended before every fault counted from readiness was applied';
  const missed = faultsThatMissedTheApp(timeline, readyAtMs);
  if (missed.length > 0)
    return `${missed.map((fault) => `${fault.name} (at ${(fault.effectiveAtMs / 1_000).toFixed(1)} s)`).join(', ')} took effect when the app had answered nothing for ${SERVING_WINDOW_MS / 1_000} s — it was not serving (still starting?), so the fault tested nothing`;
  return undefined;
}

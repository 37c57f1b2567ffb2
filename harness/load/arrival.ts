// The arrival schedule of an open model: when each request should be sent, from the rate alone.
// The i-th arrival is where the integral of the rate reaches i (stages ramp linearly, as in k6's
// ramping-arrival-rate), so the count is exact and identical for every engine and every run.
import type { ArrivalRate, RateStage } from './types.ts';

/** Stages for either kind of rate (a constant rate is one flat stage). */
function stagesOf(arrival: ArrivalRate): { startPerSec: number; stages: RateStage[] } {
  if (arrival.type === 'constant') {
    return {
      startPerSec: arrival.ratePerSec,
      stages: [{ durationMs: arrival.durationMs, targetPerSec: arrival.ratePerSec }],
    };
  }
  return { startPerSec: arrival.startRatePerSec, stages: arrival.stages };
}

export function arrivalDurationMs(arrival: ArrivalRate): number {
  return stagesOf(arrival).stages.reduce((sum, stage) => sum + stage.durationMs, 0);
}

/** How many requests the schedule holds (the integral of the rate, floored). */
export function scheduledCount(arrival: ArrivalRate): number {
  let total = 0;
  let fromPerSec = stagesOf(arrival).startPerSec;
  for (const stage of stagesOf(arrival).stages) {
    total += ((fromPerSec + stage.targetPerSec) / 2) * (stage.durationMs / 1_000);
    fromPerSec = stage.targetPerSec;
  }
  // Guard against 299.99999 becoming 299.
  return Math.floor(total + 1e-9);
}

/**
 * Offsets (ms from load start) of every arrival, ascending. Arrival i (0-based) is placed where the
 * cumulative count reaches i, so the first request goes at 0 when the starting rate is non-zero.
 */
export function* arrivalOffsetsMs(arrival: ArrivalRate): Generator<number> {
  const { startPerSec, stages } = stagesOf(arrival);
  let fromPerMs = startPerSec / 1_000;
  let stageStartMs = 0;
  let countBefore = 0;
  let next = 0;
  for (const stage of stages) {
    const toPerMs = stage.targetPerSec / 1_000;
    const d = stage.durationMs;
    const slope = d > 0 ? (toPerMs - fromPerMs) / d : 0;
    const stageCount = ((fromPerMs + toPerMs) / 2) * d;
    // Solve fromPerMs·t + slope·t²/2 = next − countBefore for t in [0, d).
    while (next < countBefore + stageCount - 1e-9) {
      const want = next - countBefore;
      let t: number;
      if (Math.abs(slope) < 1e-15) t = want / fromPerMs;
      else t = (-fromPerMs + Math.sqrt(Math.max(0, fromPerMs * fromPerMs + 2 * slope * want))) / slope;
      yield stageStartMs + t;
      next++;
    }
    countBefore += stageCount;
    stageStartMs += d;
    fromPerMs = toPerMs;
  }
}

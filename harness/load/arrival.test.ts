import { describe, expect, it } from 'vitest';
import { arrivalDurationMs, arrivalOffsetsMs, scheduledCount } from './arrival.ts';
import type { ArrivalRate } from './types.ts';

const all = (arrival: ArrivalRate): number[] => [...arrivalOffsetsMs(arrival)];

describe('arrival schedule', () => {
  it('spaces a constant rate evenly: 200/s for 3 s is 600 requests 5 ms apart', () => {
    const arrival: ArrivalRate = { type: 'constant', ratePerSec: 200, durationMs: 3_000 };
    const offsets = all(arrival);
    expect(offsets).toHaveLength(600);
    expect(scheduledCount(arrival)).toBe(600);
    expect(offsets[0]).toBe(0);
    expect(offsets[1]).toBeCloseTo(5);
    expect(offsets.at(-1)).toBeCloseTo(2_995);
  });

  it('ramps linearly like k6 ramping-arrival-rate: 0 → 100/s over 10 s is 500 requests, denser at the end', () => {
    const arrival: ArrivalRate = {
      type: 'ramping',
      startRatePerSec: 0,
      stages: [{ durationMs: 10_000, targetPerSec: 100 }],
    };
    const offsets = all(arrival);
    expect(offsets).toHaveLength(500);
    expect(scheduledCount(arrival)).toBe(500);
    // Half the requests arrive after t where t²/2·(100/10)/1000… i.e. at t = 10/√2 s ≈ 7.07 s.
    expect(offsets[250]).toBeCloseTo(7_071, -1);
    // The cumulative count is 5 after the first second and 405 after nine: arrivals 5 and 405 land there.
    expect(offsets[5]).toBeCloseTo(1_000, 6);
    expect(offsets[405]).toBeCloseTo(9_000, 6);
  });

  it('chains stages, holds and ramps down, ascending throughout', () => {
    const arrival: ArrivalRate = {
      type: 'ramping',
      startRatePerSec: 10,
      stages: [
        { durationMs: 2_000, targetPerSec: 50 },
        { durationMs: 2_000, targetPerSec: 50 },
        { durationMs: 2_000, targetPerSec: 0 },
      ],
    };
    const offsets = all(arrival);
    expect(arrivalDurationMs(arrival)).toBe(6_000);
    expect(offsets).toHaveLength(60 + 100 + 50);
    expect(offsets.every((t, i) => i === 0 || t > (offsets[i - 1] as number))).toBe(true);
    expect(offsets.at(-1)).toBeLessThan(6_000);
  });

  it('yields nothing for a zero rate', () => {
    expect(all({ type: 'constant', ratePerSec: 0, durationMs: 1_000 })).toEqual([]);
  });
});

// What a scenario writes for its load, and its validation into a LoadProfile. Either a constant
// `rate` (req/s) or k6-style `stages` ramping from `startRate`; an open model in both cases.
import { z } from 'zod';
import { durationMsSchema, type Duration } from '../lib/duration.ts';
import { arrivalDurationMs } from './arrival.ts';
import { mixSchema, type MixSelector } from './mix.ts';
import type { ArrivalRate, LoadProfile } from './types.ts';

export interface LoadProfileInput {
  /** When load begins (default 0: at the run's origin). */
  startAt?: Duration;
  /** A constant arrival rate in requests per second… */
  rate?: number;
  /** …for this long (default: until the scenario's end). */
  duration?: Duration;
  /** Or ramping stages, like k6's ramping-arrival-rate: each ramps linearly to `target` req/s. */
  stages?: { duration: Duration; target: number }[];
  /** The rate the first stage ramps from (default 0). */
  startRate?: number;
  /** Requests in flight at most (default 200); arrivals beyond it are dropped and recorded. */
  maxInFlight?: number;
  /** Per-request timeout (default '10s'); keep it above the app's query timeout. */
  timeout?: Duration;
  /**
   * Request name → weight (a scenario for one app), or `{ kinds: { read: 1, write: 3 } }` /
   * `{ tags: { chat: 1 } }` (a scenario for any app); default: the target's default mix.
   */
  mix?: Record<string, number> | MixSelector;
}

const ratePerSec = (what: string) =>
  z
    .number({ error: `expected ${what} in requests per second` })
    .min(0, `expected ${what} ≥ 0`)
    .max(100_000, `expected ${what} ≤ 100000`);

/** The load section parsed; `durationMs` of a constant rate may still wait for the scenario's duration. */
export const loadSectionSchema = z
  .strictObject({
    startAt: durationMsSchema.optional(),
    rate: ratePerSec('rate').optional(),
    duration: durationMsSchema.optional(),
    stages: z
      .array(z.strictObject({ duration: durationMsSchema, target: ratePerSec('target') }), {
        error: 'expected a list of { duration, target } stages',
      })
      .min(1, 'expected at least one stage')
      .optional(),
    startRate: ratePerSec('startRate').optional(),
    maxInFlight: z
      .number()
      .int('expected a whole number')
      .min(1, 'expected maxInFlight ≥ 1')
      .max(10_000, 'expected maxInFlight ≤ 10000')
      .default(200),
    timeout: durationMsSchema.default(10_000),
    mix: mixSchema.optional(),
  })
  .superRefine((load, ctx) => {
    if ((load.rate === undefined) === (load.stages === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rate'],
        message: 'expected either `rate` (constant req/s) or `stages` (ramping), not both and not neither',
      });
    }
    if (load.stages !== undefined && load.duration !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message: 'expected no `duration` with `stages` (the stages say how long)',
      });
    }
    if (load.rate !== undefined && load.startRate !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['startRate'], message: 'expected `startRate` only with `stages`' });
    }
  });

export type LoadSection = z.output<typeof loadSectionSchema>;

/** Completes a parsed load section: a constant rate without a duration runs to the scenario's end. */
export function toLoadProfile(section: LoadSection, scenarioDurationMs: number): LoadProfile {
  const startAtMs = section.startAt ?? 0;
  const arrival: ArrivalRate =
    section.stages !== undefined
      ? {
          type: 'ramping',
          startRatePerSec: section.startRate ?? 0,
          stages: section.stages.map((stage) => ({ durationMs: stage.duration, targetPerSec: stage.target })),
        }
      : {
          type: 'constant',
          ratePerSec: section.rate ?? 0,
          durationMs: section.duration ?? Math.max(0, scenarioDurationMs - startAtMs),
        };
  return {
    startAtMs,
    arrival,
    durationMs: arrivalDurationMs(arrival),
    maxInFlight: section.maxInFlight,
    timeoutMs: section.timeout,
    // No mix of its own: the target's default mix (an empty list says so).
    mix: section.mix ?? [],
  };
}

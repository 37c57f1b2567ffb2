// The check contract. A check is a pure function of the recorded timeline (plus the options the
// scenario gave it): it never talks to the environment, so a unit test can feed it a hand-made
// timeline. Options are validated once, with the scenario, through the check's own schema.
import type { z } from 'zod';
import type { StartupContract } from '../target/contract.ts';
import type { FaultWindow, HealthProbe, LogEvent, ProcessEvent, Sample, Timeline } from '../timeline/types.ts';

/** What a check needs to know about the scenario besides its own options. */
export interface ScenarioFacts {
  name: string;
  /** How long after a fault ends the app may still be catching up (phase 'grace'). */
  graceMs: number;
  /** The scenario expects the documented startup fail-fast (the database never comes). */
  expectFailFast: boolean;
  /**
   * How the target answers a database failure (its code prefix, Retry-After); absent: a 503 with
   * Retry-After, the code not judged.
   */
  contract?: {
    unavailableCode?: string;
    retryAfter: boolean;
    /** What the documented startup fail-fast looks like; absent: exit 1 after a fatal 'startup.failed' line. */
    startup?: StartupContract;
  };
}

export interface CheckContext<Options> {
  options: Options;
  scenario: ScenarioFacts;
}

/** One offending item, with a short note saying why it offends. */
export type Evidence =
  | { type: 'sample'; sample: Sample; note: string }
  | { type: 'health'; probe: HealthProbe; note: string }
  | { type: 'log'; event: LogEvent; note: string }
  | { type: 'process'; event: ProcessEvent; note: string }
  | { type: 'fault'; fault: FaultWindow; note: string }
  | { type: 'write'; clientKey: string; sampleId: number; note: string }
  | { type: 'note'; note: string };

export interface CheckResult {
  name: string;
  passed: boolean;
  /**
   * false when the check found nothing it could judge (no request answered during the fault, no write
   * acknowledged): it did not pass, and it proves nothing against the app either — the scenario is
   * then not proven, never failed, unless another check failed for real. Absent means proven.
   */
  proven?: false;
  /** One sentence a release manager can read. */
  summary: string;
  /** Measured numbers, units in the key (e.g. recoveryMs, maxLagMs). */
  figures: Record<string, number>;
  evidence: {
    counts: Record<string, number>;
    /** At most MAX_EVIDENCE items, earliest first. */
    firstOffending: Evidence[];
  };
}

export interface Check<Options = unknown> {
  readonly name: string;
  readonly description: string;
  /** Validates and normalises the scenario's options (durations → ms); `{}` must give the defaults. */
  readonly optionsSchema: z.ZodType<Options>;
  /**
   * The check judges how the app starts (readiness after boot, the exit of a failed start): it needs
   * the harness to start the app, so a scenario using it needs process control.
   */
  readonly judgesStartup?: true;
  evaluate(timeline: Timeline, context: CheckContext<Options>): CheckResult;
}

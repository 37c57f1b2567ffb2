// A scenario as its file writes it (ScenarioInput) and as the harness runs it (Scenario: validated,
// durations in ms, defaults applied, fault steps planned, check options parsed).
import type { CheckName, ConfiguredCheck } from '../checks/registry.ts';
import type { Duration } from '../lib/duration.ts';
import type { LoadProfileInput } from '../load/profile-schema.ts';
import type { LoadProfile } from '../load/types.ts';
import type { HealthEndpoint } from '../timeline/types.ts';
import type { ScenarioBounds } from './bounds.ts';
import type { PlannedAction } from './plan.ts';
import type { Step, StepInput } from './steps.ts';

export interface ScenarioNeeds {
  redis: boolean;
  processControl: boolean;
  postgresControl: boolean;
}

export interface ScenarioInput {
  /** kebab-case, unique in the catalog, e.g. 'db-outage-under-load'. */
  name: string;
  /** The production failure this scenario reproduces, in a sentence or two. */
  description: string;
  /** Capabilities the environment must have; faults that need one add it automatically. */
  needs?: Partial<ScenarioNeeds>;
  app?: {
    /** Start the app this long after the origin (after the faults at 0 are in place). Default 0. */
    startAt?: Duration;
    /** Environment overrides for the app (its own settings), e.g. { CONNECT_ATTEMPTS: 2 }. */
    env?: Record<string, string | number | boolean>;
    /** 'fail-fast': the database never comes and the app is expected to exit 1 (documented). */
    expect?: 'ready' | 'fail-fast';
    /** App instances behind the harness's load balancer (default 1: no balancer). */
    instances?: number;
  };
  /** How long the run lasts (counted as `clock` says). */
  duration: Duration;
  /**
   * What the run's duration and its load count from: 'start' (the process start, for startup
   * scenarios) or 'ready' (the app's first healthy answer, for runtime scenarios: a slow boot on a
   * busy machine then shortens nothing). Default: 'ready' when a step uses afterReady(...).
   */
  clock?: 'start' | 'ready';
  /** How long after a fault ends the app may still be catching up (phase 'grace'). Default '5s'. */
  grace?: Duration;
  /** Fixes the run's RNG (requests, ids); otherwise the runner picks one and prints it. */
  seed?: number;
  timeline?: StepInput[];
  load?: LoadProfileInput;
  /** Check name → true (defaults) or its options, e.g. { 'recovers-within': { withinMs: '10s' } }. */
  checks: Partial<Record<CheckName, true | Record<string, unknown>>>;
  /**
   * The target's own checks (its config's `checks`) by name → true or their options; the names and
   * options are checked against the target before the run starts.
   */
  targetChecks?: Record<string, true | Record<string, unknown>>;
  /**
   * What the probes poll: `health` names the health endpoints (default all three). Polling only the
   * one that reports state without a database round-trip leaves an idle app to notice a loss itself.
   */
  probes?: { health?: HealthEndpoint[] };
}

export interface Scenario {
  name: string;
  description: string;
  needs: ScenarioNeeds;
  app: { startAtMs: number; env: Record<string, string>; expect: 'ready' | 'fail-fast'; instances: number };
  durationMs: number;
  clock: 'start' | 'ready';
  graceMs: number;
  seed: number | undefined;
  timeline: Step[];
  /** The timeline expanded into ordered apply/revert actions (see plan.ts). */
  plan: PlannedAction[];
  load: LoadProfile | null;
  checks: ConfiguredCheck[];
  /**
   * The target's own checks it names: options as written until the scenario is fitted to a target
   * (target/fit.ts), which validates them with each check's schema.
   */
  targetChecks: { name: string; options: unknown }[];
  /** The endpoints to poll, by name (default: every polled endpoint of the target). */
  probes: { health?: HealthEndpoint[] };
  /** The file it was loaded from, when loaded by loadScenarioFile. */
  file?: string;
  /**
   * For a scenario written as a function of the target's bounds: itself with the target's own (its
   * fields above hold it with typical bounds). bindScenario calls it.
   */
  bind?: (bounds: ScenarioBounds) => Scenario;
}

export interface SuiteInput {
  name: string;
  description?: string;
  /** Scenarios (defineScenario values) in the order they run. */
  scenarios: Scenario[];
}

export interface Suite {
  name: string;
  description: string;
  scenarios: Scenario[];
  file?: string;
}

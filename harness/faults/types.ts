// The contract of one fault. A definition is the whole fault: the options it takes (a zod shape;
// its TypeScript type is inferred from it), the builder scenario authors call (the definition
// itself: dbLatency({ latencyMs: 800 })), what the run should assume while it holds, the controls
// it needs, and what it does and undoes. Faults (with probes) are the only code that touches the
// environment, and only through the controls they declare.
import type { z } from 'zod';
import type { FaultEffect, FaultTarget } from '../timeline/types.ts';
import type { ControlName, Granted } from './controls.ts';
import { ExitCode, FaultlineError } from '../cli/exit-codes.ts';

export type Shape = z.ZodRawShape;

/** The descriptor's schema: its type, its options, nothing else (a typo must not become a default). */
export type FaultSchema<T extends string, S extends Shape> = z.ZodObject<{ type: z.ZodLiteral<T> } & S, z.core.$strict>;

/** What a builder returns and a scenario file may write: optional fields left out. */
export type FaultInputOf<T extends string, S extends Shape> = z.input<FaultSchema<T, S>>;
/** The validated descriptor, defaults applied. */
export type FaultOf<T extends string, S extends Shape> = z.output<FaultSchema<T, S>>;

/** The options a builder takes (what a scenario writes, without the type). */
export type OptionsInput<S extends Shape> = z.input<z.ZodObject<S>>;

export interface FaultSpec<T extends string, S extends Shape, C extends ControlName, A extends unknown[]> {
  type: T;
  /** What it does, in one line (`faultline inject` lists the faults it can apply with it). */
  summary: string;
  options: S;
  /** The builder's arguments → the options it writes. */
  build: (...args: A) => OptionsInput<S>;
  /** Builder arguments that make a valid descriptor (default: none); the registry test builds each. */
  example?: A;
  target: FaultTarget;
  /** What checks assume while it holds (an `effect` option on the descriptor overrides it). */
  effect: FaultEffect;
  /** Applying it ends the open windows of these faults (dbUp ends dbDown's): it is a restore. */
  restores?: readonly string[];
  /** The controls apply and revert receive; an environment without one of them cannot run it. */
  controls: readonly C[];
  apply(controls: Granted<C>, fault: FaultOf<T, S>, window: string): Promise<void>;
  /** The inverse, run at the end of a during()/every() window; absent for one-off actions. */
  revert?(controls: Granted<C>, fault: FaultOf<T, S>, window: string): Promise<void>;
}

export interface FaultDefinition<
  T extends string = string,
  S extends Shape = Shape,
  C extends ControlName = ControlName,
  A extends unknown[] = never[],
> extends Omit<FaultSpec<T, S, C, A>, 'build' | 'options' | 'restores' | 'apply' | 'revert'> {
  /** The builder: a descriptor for a scenario's timeline. */
  (...args: A): FaultInputOf<T, S>;
  readonly schema: FaultSchema<T, S>;
  readonly restores: readonly string[];
  /** True when it can be undone at the end of a during()/every() window. */
  readonly revertible: boolean;
  apply(controls: Granted<C>, fault: FaultOf<T, S>, window: string): Promise<void>;
  revert?(controls: Granted<C>, fault: FaultOf<T, S>, window: string): Promise<void>;
}

/** Any registered fault, whatever its options. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each definition's own types vary
export type AnyFaultDefinition = FaultDefinition<string, any, ControlName, never[]>;

/** A fault could not be applied or reverted: the harness failed, not the app (exit code 4). */
export class FaultError extends FaultlineError {
  readonly code = 'FAULT_FAILED';
  readonly exitCode = ExitCode.HarnessFailed;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FaultError';
  }
}

// The contract of one fault: how to put it in place on a started environment, and how to undo it.
// Faults (with probes) are the only code that touches the environment.
import type { StartedEnvironment } from '../environment/types.ts';
import type { Fault, FaultType } from '../scenario/fault-types.ts';
import { ExitCode, FaultlineError } from '../cli/exit-codes.ts';

export interface FaultContext {
  env: StartedEnvironment;
  /** Unique per application of a fault; toxics are named after it so overlapping windows coexist. */
  window: string;
}

export interface FaultAction<T extends FaultType = FaultType> {
  type: T;
  apply(context: FaultContext, fault: Extract<Fault, { type: T }>): Promise<void>;
  /** The inverse; absent for faults that are themselves restores (dbUp, appStart, ...). */
  revert?(context: FaultContext, fault: Extract<Fault, { type: T }>): Promise<void>;
}

/** A fault could not be applied or reverted: the harness failed, not the app (exit code 4). */
export class FaultError extends FaultlineError {
  readonly code = 'FAULT_FAILED';
  readonly exitCode = ExitCode.HarnessFailed;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FaultError';
  }
}

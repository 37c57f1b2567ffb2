// What every provider shares about starting and stopping: the proxy names, the error for an
// environment that could not start, its clock, and the teardown that undoes each step in reverse.
import { ExitCode, FaultlineError } from '../cli/exit-codes.ts';

export const DB_PROXY = 'postgres';
export const REDIS_PROXY = 'redis';

/** The environment could not be started: nothing was proven (exit code 3). */
export class EnvironmentStartError extends FaultlineError {
  readonly code = 'ENVIRONMENT_START_FAILED';
  readonly exitCode = ExitCode.NotProven;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EnvironmentStartError';
  }
}

/** Milliseconds since the environment started. */
export function startClock(): () => number {
  const origin = performance.now();
  return () => performance.now() - origin;
}

/** Steps to undo, run in reverse order; a failing step does not stop the ones after it. */
export class Teardown {
  private readonly steps: (() => Promise<unknown>)[] = [];

  push(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.steps.reverse()) await step().catch(() => undefined);
    this.steps.length = 0;
  }
}

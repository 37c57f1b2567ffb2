// Faultline's exit codes are a public contract (documented in README.md).
export const ExitCode = {
  /** Every check passed. */
  Ok: 0,
  /** At least one check failed: a verdict. */
  ChecksFailed: 1,
  /** Invalid input: a bad flag, scenario file or argument. Nothing ran. */
  InvalidInput: 2,
  /** The environment failed to start: infrastructure, not a verdict. */
  EnvironmentFailed: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A user's mistake: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

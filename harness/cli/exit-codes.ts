// Faultline's exit codes, the one list of them, and the error every part of the harness raises.
// The codes are a public contract: README.md's "Exit codes" table is kept equal to EXIT_CODES by a
// test (exit-codes.test.ts). An error carries the code it means (as k6's errors do), so the top level
// (main.ts) maps any error to a documented code — an unexpected one to HarnessFailed, never to
// ChecksFailed, which is a verdict.

/** Each code, in the order the README lists them, with the words its README row starts with. */
export const EXIT_CODES = [
  { name: 'Ok', code: 0, meaning: 'no blocking check failed' },
  { name: 'ChecksFailed', code: 1, meaning: 'at least one blocking check failed' },
  { name: 'InvalidInput', code: 2, meaning: 'invalid input' },
  { name: 'NotProven', code: 3, meaning: 'not proven' },
  { name: 'HarnessFailed', code: 4, meaning: 'the harness itself failed' },
  { name: 'Interrupted', code: 130, meaning: 'interrupted' },
] as const;

type Entry = (typeof EXIT_CODES)[number];

export const ExitCode = Object.fromEntries(EXIT_CODES.map((entry) => [entry.name, entry.code])) as {
  readonly [E in Entry as E['name']]: E['code'];
};

export type ExitCode = Entry['code'];

/**
 * The base of every error the harness raises on purpose: a stable `code` to match on, the exit code
 * it means, the original error as `cause`.
 */
export abstract class FaultlineError extends Error {
  abstract readonly code: string;
  abstract readonly exitCode: ExitCode;
}

/** A user's mistake (a flag, an argument): printed without a stack trace, exit code 2. */
export class UsageError extends FaultlineError {
  readonly code = 'USAGE';
  readonly exitCode = ExitCode.InvalidInput;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** The harness broke (a fault that could not be applied, the load engine crashing): exit code 4. */
export class HarnessError extends FaultlineError {
  readonly exitCode = ExitCode.HarnessFailed;
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HarnessError';
  }
}

/** Ctrl-C (or SIGTERM) stopped the work before it finished: exit code 130. */
export class InterruptedError extends FaultlineError {
  readonly code = 'INTERRUPTED';
  readonly exitCode = ExitCode.Interrupted;
  constructor(message = 'interrupted') {
    super(message);
    this.name = 'InterruptedError';
  }
}

/** The exit code an error means: its own, 2 for node's argument parser, 4 for anything unexpected. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof FaultlineError) return error.exitCode;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return ExitCode.InvalidInput;
  return ExitCode.HarnessFailed;
}

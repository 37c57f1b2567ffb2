// Errors of the load layer, with stable codes the runner maps: a template the seed cannot feed is an
// environment problem (exit 3), an unknown template name is the scenario's mistake (caught earlier),
// a Socket.IO template given to k6 the invocation's (exit 2: run it with the builtin engine).
export type LoadErrorCode =
  | 'TEMPLATE_UNKNOWN'
  | 'TEMPLATE_UNAVAILABLE'
  | 'TEMPLATE_UNSUPPORTED'
  | 'K6_NOT_INSTALLED'
  | 'K6_FAILED'
  | 'K6_OUTPUT_INVALID';

import { ExitCode, FaultlineError } from '../cli/exit-codes.ts';

/** The exit code each load failure means: the environment lacking something is not proven (3). */
const EXIT_CODE: Record<LoadErrorCode, ExitCode> = {
  TEMPLATE_UNKNOWN: ExitCode.InvalidInput,
  TEMPLATE_UNAVAILABLE: ExitCode.NotProven,
  // The scenario's load asks for what the chosen engine cannot do: the invocation's mistake.
  TEMPLATE_UNSUPPORTED: ExitCode.InvalidInput,
  K6_NOT_INSTALLED: ExitCode.NotProven,
  K6_FAILED: ExitCode.HarnessFailed,
  K6_OUTPUT_INVALID: ExitCode.HarnessFailed,
};

export class LoadError extends FaultlineError {
  readonly exitCode: ExitCode;
  constructor(
    readonly code: LoadErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LoadError';
    this.exitCode = EXIT_CODE[code];
  }
}

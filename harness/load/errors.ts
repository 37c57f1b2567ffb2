// Errors of the load layer, with stable codes the runner maps: a template the seed cannot feed is an
// environment problem (exit 3), an unknown template name is the scenario's mistake (caught earlier).
export type LoadErrorCode =
  'TEMPLATE_UNKNOWN' | 'TEMPLATE_UNAVAILABLE' | 'K6_NOT_INSTALLED' | 'K6_FAILED' | 'K6_OUTPUT_INVALID';

export class LoadError extends Error {
  constructor(
    readonly code: LoadErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LoadError';
  }
}

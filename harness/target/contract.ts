// What the checks judge an app's answers against, from its target: never the reference app's literals.
import type { Target, TargetBounds } from './types.ts';

export interface AnswerContract {
  /** A database failure's code starts with this; undefined: the code is not judged. */
  unavailableCode?: string;
  /** A database failure carries Retry-After. */
  retryAfter: boolean;
}

export function answerContract(target: Pick<Target, 'errors'> | undefined): AnswerContract {
  return {
    unavailableCode: target?.errors?.unavailable?.code,
    retryAfter: target?.errors?.unavailable?.retryAfter ?? true,
  };
}

/** Reads an error body's code: the target's reader, or `error.code`, else `code`. */
export function errorCodeReader(target: Pick<Target, 'errors'>): (body: unknown) => string | null {
  const errors = target.errors;
  return (body) => {
    const code = errors?.code === undefined ? conventionalCode(body) : errors.code(body);
    return typeof code === 'string' ? code : null;
  };
}

function conventionalCode(body: unknown): unknown {
  const value = body as { error?: { code?: unknown }; code?: unknown } | null;
  return value?.error?.code ?? value?.code;
}

/** The target's bounds for an app started with `appEnv`, or undefined when the target gives none. */
export function targetBounds(
  target: Pick<Target, 'bounds'>,
  appEnv: Readonly<Record<string, string>>,
): TargetBounds | undefined {
  const bounds = target.bounds;
  return typeof bounds === 'function' ? bounds(appEnv) : bounds;
}

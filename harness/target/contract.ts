// What the checks judge an app's answers against, from its target: never the reference app's literals.
import type { LogEvent } from '../timeline/types.ts';
import { FATAL_LEVEL } from '../timeline/log-event.ts';
import type { Target, TargetBounds } from './types.ts';

/** The documented fail-fast at startup, defaults applied. */
export interface StartupContract {
  fatalExitCode: number;
  /** An event name (on a fatal line), a pattern of the raw line, or null: no line is logged. */
  fatalLog: string | RegExp | null;
}

export interface AnswerContract {
  /** A database failure's code starts with this; undefined: the code is not judged. */
  unavailableCode?: string;
  /** A database failure carries Retry-After. */
  retryAfter: boolean;
  startup: StartupContract;
}

export const DEFAULT_STARTUP: StartupContract = { fatalExitCode: 1, fatalLog: 'startup.failed' };

export function answerContract(target: Pick<Target, 'errors' | 'startup'> | undefined): AnswerContract {
  const startup = target?.startup;
  return {
    unavailableCode: target?.errors?.unavailable?.code,
    retryAfter: target?.errors?.unavailable?.retryAfter ?? true,
    startup: {
      fatalExitCode: startup?.fatalExitCode ?? DEFAULT_STARTUP.fatalExitCode,
      fatalLog: startup?.fatalLog === undefined ? DEFAULT_STARTUP.fatalLog : startup.fatalLog,
    },
  };
}

/** Whether a line is the fail-fast's documented one: its event on a fatal line, or matching its pattern. */
export function isFatalStartupLine(event: LogEvent, fatalLog: StartupContract['fatalLog']): boolean {
  if (fatalLog === null) return false;
  if (typeof fatalLog === 'string') return event.event === fatalLog && (event.level ?? 0) >= FATAL_LEVEL;
  return new RegExp(fatalLog.source, fatalLog.flags.replace('g', '')).test(event.raw);
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

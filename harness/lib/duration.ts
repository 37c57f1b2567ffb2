// Durations as people write them in scenario files ('250ms', '5s', '2m', '1m30s') or as a plain
// number of milliseconds. Parsed once at the edge; everything past it carries `...Ms` numbers.
import { z } from 'zod';
import { ExitCode, FaultlineError } from '../cli/exit-codes.ts';

/** What a scenario may write wherever it means "an amount of time". */
export type Duration = string | number;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
export const DURATION_EXPECTATION = "a duration such as '250ms', '5s', '2m', '1m30s' or a number of milliseconds ≥ 0";

export class DurationError extends FaultlineError {
  readonly code = 'DURATION_INVALID';
  readonly exitCode = ExitCode.InvalidInput;
  constructor(readonly input: unknown) {
    super(`invalid duration ${JSON.stringify(input) ?? String(input)}: expected ${DURATION_EXPECTATION}`);
    this.name = 'DurationError';
  }
}

/** '5s' → 5000, '250ms' → 250, '1m30s' → 90000, 1200 → 1200. Throws DurationError otherwise. */
export function parseDuration(input: unknown): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) throw new DurationError(input);
    return input;
  }
  if (typeof input !== 'string') throw new DurationError(input);
  const text = input.trim();
  if (text === '') throw new DurationError(input);
  // A bare numeric string is milliseconds, like a number.
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  let totalMs = 0;
  PART.lastIndex = 0;
  let consumed = 0;
  for (let match = PART.exec(text); match !== null; match = PART.exec(text)) {
    const [whole, amount, unit] = match;
    totalMs += Number(amount) * (UNIT_MS[unit as string] as number);
    consumed += whole.length;
  }
  if (consumed !== text.length) throw new DurationError(input);
  return totalMs;
}

/** 90000 → '1m30s', 250 → '250ms'; for reports and messages. */
export function formatDuration(durationMs: number): string {
  if (durationMs < 1_000) return `${Math.round(durationMs)}ms`;
  if (durationMs < 60_000) return `${Math.round(durationMs / 100) / 10}s`;
  const minutes = Math.floor(durationMs / 60_000);
  const seconds = Math.round((durationMs % 60_000) / 1_000);
  return seconds === 0 ? `${minutes}m` : `${minutes}m${seconds}s`;
}

/** A zod schema accepting a Duration and producing milliseconds, with a readable expectation on failure. */
export const durationMsSchema = z.unknown().transform((value, ctx): number => {
  try {
    return parseDuration(value);
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: `expected ${DURATION_EXPECTATION}, got ${JSON.stringify(value) ?? String(value)}`,
    });
    return z.NEVER;
  }
});

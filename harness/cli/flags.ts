// Parsing of flag values shared by commands; a bad value is a UsageError (exit 2).
import { parseDuration } from '../lib/duration.ts';
import { UsageError } from './exit-codes.ts';

export function parseSeed(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) > 4_294_967_295)
    throw new UsageError(`--seed expects a whole number from 0 to 4294967295, got "${raw}"`);
  return Number(raw);
}

export function parseDurationFlag(flag: string, raw: string): number {
  try {
    return parseDuration(raw);
  } catch (error) {
    throw new UsageError(`--${flag}: ${(error as Error).message}`);
  }
}

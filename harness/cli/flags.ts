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

/** `KEY=VALUE` → ['KEY', 'VALUE'], for flags that set the app's environment. */
export function parseEnvAssignment(flag: string, raw: string): [string, string] {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(raw);
  if (match === null) throw new UsageError(`--${flag} expects KEY=VALUE, got "${raw}"`);
  return [match[1]!, match[2]!];
}

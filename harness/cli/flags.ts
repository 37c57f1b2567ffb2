// Parsing of flag values shared by commands; a bad value is a UsageError (exit 2).
import { parseDuration } from '../lib/duration.ts';
import type { Target } from '../target/types.ts';
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

/** `--target FILE`: the target's config (default: the faultline.config.* of the working folder). */
export const TARGET_OPTION = { target: { type: 'string' } } as const;

/** `--defects a,b` as the target's own switch, after checking each name against the target's list. */
export function defectsEnv(target: Target, raw: string | undefined): Record<string, string> {
  if (raw === undefined) return {};
  if (target.defects === undefined)
    throw new UsageError(`--defects: the target "${target.name}" names no defects (defects in its config)`);
  const unknown = raw.split(',').filter((name) => name !== '' && !target.defects?.names.includes(name));
  if (unknown.length > 0)
    throw new UsageError(
      `--defects: unknown ${unknown.join(', ')}; the target's are ${target.defects.names.join(', ')}`,
    );
  return { [target.defects.env]: raw };
}

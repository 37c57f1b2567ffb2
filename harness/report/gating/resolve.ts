// Which policy gates a run: --gating <name|file> when given, else the policy named like the first
// suite among the targets, else `default`.
import path from 'node:path';
import { UsageError } from '../../cli/exit-codes.ts';
import { importUserModule } from '../../lib/import-user-module.ts';
import { DEFAULT_POLICY, GATING_POLICIES } from './policies.ts';
import { isGatingPolicy } from './schema.ts';
import type { GatingPolicy } from './types.ts';

export async function resolvePolicy(
  targets: readonly string[],
  flag: string | undefined,
  policies: Record<string, GatingPolicy> = GATING_POLICIES,
): Promise<GatingPolicy> {
  if (flag === undefined)
    return targets.map((target) => policies[target]).find((policy) => policy !== undefined) ?? DEFAULT_POLICY;
  const named = policies[flag];
  if (named !== undefined) return named;
  if (!/\.(m?[jt]s)$/.test(flag))
    throw new UsageError(
      `--gating expects a policy name (${Object.keys(policies).join(', ')}) or a file exporting defineGatingPolicy(...), got "${flag}"`,
    );
  const file = path.resolve(flag);
  let loaded: { default?: unknown };
  try {
    loaded = (await importUserModule(file)) as { default?: unknown };
  } catch (error) {
    if ((error as { code?: string }).code === 'SCENARIO_INVALID') throw error;
    throw new UsageError(`--gating: cannot load ${flag}: ${(error as Error).message}`);
  }
  if (!isGatingPolicy(loaded.default))
    throw new UsageError(`--gating: ${flag} must default-export defineGatingPolicy({...})`);
  return loaded.default;
}

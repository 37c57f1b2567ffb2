// What requests are built from, once per environment: the target's id pools and whatever its
// `prepare` makes of them (tokens, a manifest). Every environment builds them the same way.
import { readPools } from './database.ts';
import type { Target } from './types.ts';

export interface TargetFixtures {
  readonly pools: Readonly<Record<string, readonly (string | number)[]>>;
  /** What the target's `prepare` returned (undefined without one). */
  readonly state: unknown;
}

export async function prepareFixtures(
  target: Target,
  context: { databaseUrl: string; appEnv: Readonly<Record<string, string>>; seeded: unknown; seed: number },
): Promise<TargetFixtures> {
  const pools = await readPools(context.databaseUrl, target.database.pools);
  const state = target.prepare === undefined ? undefined : await target.prepare({ ...context, pools });
  return { pools, state };
}

/** The app's own settings as the target gives them: a function is called once per environment. */
export function targetAppEnv(target: Target): Record<string, string> {
  const env = target.app.env;
  return typeof env === 'function' ? env() : { ...env };
}

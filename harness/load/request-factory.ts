// Builds the request for each arrival: picks one of the target's requests by weight and builds it
// from the target's fixtures, all from one seeded RNG, so a seed gives the same request sequence in
// every engine and every run.
import { createRng, pick } from '../lib/random.ts';
import type { BuildContext, RequestDefinition, RequestKind } from '../target/types.ts';
import type { SampleKind } from '../timeline/types.ts';
import { LoadError } from './errors.ts';
import { mixEntries, type Mix } from './mix.ts';
import type { LoadContext, RequestSpec } from './types.ts';

/** Keys must be safe in any app's key rule: 1-100 of A-Z a-z 0-9 . _ : - */
export function clientKeyPrefix(runId: string): string {
  return runId.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 80) || 'run';
}

/** A request's kind as the timeline records it (a `missing` request is a P2025 probe). */
const SAMPLE_KIND: Record<RequestKind, SampleKind> = {
  read: 'read',
  write: 'write',
  missing: 'p2025-probe',
  socket: 'socket',
};

interface Entry {
  name: string;
  definition: RequestDefinition<unknown>;
}

export class RequestFactory {
  private readonly cumulative: number[];
  private readonly totalWeight: number;
  private seq = 0;

  private constructor(
    private readonly entries: Entry[],
    weights: number[],
    private readonly ctx: BuildContext<unknown>,
  ) {
    let sum = 0;
    this.cumulative = weights.map((weight) => (sum += weight));
    this.totalWeight = sum;
  }

  /** Checks that every request of the mix exists and can be built from these fixtures. */
  static create(context: LoadContext, mix: Mix): RequestFactory {
    const rng = createRng(context.rngSeed);
    const { pools, state } = context.fixtures;
    const entries: Entry[] = [];
    const weights: number[] = [];
    for (const { template: name, weight } of mixEntries(mix, context)) {
      const definition = context.requests[name]!;
      const reason = definition.unavailable?.({ pools, state }) ?? null;
      if (reason !== null) throw new LoadError('TEMPLATE_UNAVAILABLE', `request "${name}" cannot run: ${reason}`);
      entries.push({ name, definition });
      weights.push(weight);
    }
    const prefix = clientKeyPrefix(context.runId);
    const factory: RequestFactory = new RequestFactory(entries, weights, {
      pools,
      state,
      rng,
      pick: (pool) => {
        const ids = pools[pool];
        if (ids === undefined) throw new LoadError('TEMPLATE_UNAVAILABLE', `no pool named "${pool}"`);
        return pick(rng, ids);
      },
      nextKey: () => `${prefix}-${factory.seq++}`,
    });
    return factory;
  }

  next(): RequestSpec {
    const roll = this.ctx.rng() * this.totalWeight;
    let index = this.cumulative.findIndex((bound) => roll < bound);
    if (index < 0) index = this.entries.length - 1;
    const { name, definition } = this.entries[index] as Entry;
    let built;
    try {
      built = definition.build(this.ctx);
    } catch (error) {
      throw new LoadError('TEMPLATE_UNAVAILABLE', `request "${name}" could not be built: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const body = built.body === undefined || typeof built.body === 'string' ? built.body : JSON.stringify(built.body);
    const headers = {
      ...(body !== undefined && typeof built.body !== 'string' ? { 'content-type': 'application/json' } : {}),
      ...built.headers,
    };
    return {
      template: name,
      kind: SAMPLE_KIND[definition.kind],
      method: built.method,
      routeTemplate: built.route ?? name,
      path: built.path,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(built.key === undefined ? {} : { clientKey: built.key }),
      ...(built.session === undefined ? {} : { session: built.session }),
    };
  }
}

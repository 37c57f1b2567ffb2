// Builds the request for each arrival: picks a template by weight and fills it from the seed, all
// from one seeded RNG, so a seed gives the same request sequence in every engine and every run.
import { createRng } from '../lib/random.ts';
import { LoadError } from './errors.ts';
import { TEMPLATES, type BuildContext, type RequestTemplate } from './templates.ts';
import { mintTokens } from './tokens.ts';
import type { LoadContext, MixEntry, RequestSpec } from './types.ts';

/** Client keys must match the app's rule: 1-100 of A-Z a-z 0-9 . _ : - */
export function clientKeyPrefix(runId: string): string {
  return runId.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 80) || 'run';
}

export class RequestFactory {
  private readonly cumulative: number[];
  private readonly totalWeight: number;
  private seq = 0;

  private constructor(
    private readonly templates: RequestTemplate[],
    weights: number[],
    private readonly ctx: BuildContext,
  ) {
    let sum = 0;
    this.cumulative = weights.map((weight) => (sum += weight));
    this.totalWeight = sum;
  }

  /** Mints tokens and checks that every template of the mix can be built from this seed. */
  static async create(context: LoadContext, mix: readonly MixEntry[]): Promise<RequestFactory> {
    const rng = createRng(context.rngSeed);
    // A token for a user id that never existed: the deleted-user probe works on any seed.
    const ghostUserId = `00000000-0000-4000-8000-${(context.rngSeed >>> 0).toString(16).padStart(12, '0').slice(-12)}`;
    const tokens = await mintTokens(context.seed, context.jwtSecret, [ghostUserId]);
    const templates: RequestTemplate[] = [];
    const weights: number[] = [];
    for (const entry of mix) {
      if (entry.weight <= 0) continue;
      const template = TEMPLATES.get(entry.template);
      if (template === undefined)
        throw new LoadError(
          'TEMPLATE_UNKNOWN',
          `unknown request template "${entry.template}"; known: ${[...TEMPLATES.keys()].join(', ')}`,
        );
      const reason = template.unavailable(context.seed, tokens);
      if (reason !== null)
        throw new LoadError('TEMPLATE_UNAVAILABLE', `request template "${entry.template}" cannot run: ${reason}`);
      templates.push(template);
      weights.push(entry.weight);
    }
    if (templates.length === 0)
      throw new LoadError('TEMPLATE_UNAVAILABLE', 'the load mix has no template with a positive weight');
    const prefix = clientKeyPrefix(context.runId);
    const factory: RequestFactory = new RequestFactory(templates, weights, {
      seed: context.seed,
      tokens,
      rng,
      nextClientKey: () => `${prefix}-${factory.seq++}`,
    });
    return factory;
  }

  next(): RequestSpec {
    const roll = this.ctx.rng() * this.totalWeight;
    let index = this.cumulative.findIndex((bound) => roll < bound);
    if (index < 0) index = this.templates.length - 1;
    return (this.templates[index] as RequestTemplate).build(this.ctx);
  }
}

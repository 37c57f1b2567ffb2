// What a scenario's load is made of, as the scenario says it and as the target answers it. A mix
// names the target's requests (`{ 'books.get': 3 }`: a scenario written for one app), or selects
// them by kind and tag (`{ kinds: { read: 1, write: 3 } }`: a scenario that runs against any app),
// or is left out (the target's default mix). Every consumer resolves it here, to weighted names.
import { z } from 'zod';
import type { RequestKind } from '../target/types.ts';
import { LoadError } from './errors.ts';
import type { LoadContext, MixEntry } from './types.ts';

export const REQUEST_KINDS = ['read', 'write', 'missing', 'socket'] as const satisfies readonly RequestKind[];

/**
 * Requests chosen by what they are: each request of a listed kind (and, with `tags`, carrying a listed
 * tag) weighs its default-mix weight (1 when the default mix leaves it out) times the kind's factor
 * (and the largest factor of its tags). A kind or tag not listed weighs nothing, nor does a request
 * the target marks `byNameOnly`.
 */
export interface MixSelector {
  kinds?: Partial<Record<RequestKind, number>>;
  tags?: Readonly<Record<string, number>>;
}

/** A scenario's mix: named weights (empty: the target's default mix), or a selector. */
export type Mix = readonly MixEntry[] | MixSelector;

const weight = z.number({ error: 'expected a weight (a number ≥ 0)' }).min(0, 'expected a weight ≥ 0');

const selectorSchema = z
  .strictObject({
    kinds: z
      .strictObject(Object.fromEntries(REQUEST_KINDS.map((kind) => [kind, weight.optional()])), {
        error: `expected weights by request kind (${REQUEST_KINDS.join(', ')})`,
      })
      .optional(),
    tags: z.record(z.string().min(1), weight).optional(),
  })
  .refine((selector) => selector.kinds !== undefined || selector.tags !== undefined, 'expected `kinds` or `tags`')
  .refine(
    (selector) => [...Object.values(selector.kinds ?? {}), ...Object.values(selector.tags ?? {})].some((w) => w! > 0),
    'expected at least one kind or tag with a positive weight',
  );

const namedSchema = z
  .record(z.string(), weight)
  .refine((mix) => !('' in mix), 'expected a request name, got ""')
  .refine((mix) => Object.values(mix).some((w) => w > 0), 'expected at least one request with a positive weight');

/** `{ kinds: {...} }` or `{ tags: {...} }` is a selector; any other object names requests. */
export const mixSchema = z.unknown().transform((value, ctx): Mix => {
  const selecting =
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).some((field) => typeof field === 'object' && field !== null);
  const result = selecting ? selectorSchema.safeParse(value) : namedSchema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  return selecting
    ? (result.data)
    : Object.entries(result.data as Record<string, number>).map(([template, w]) => ({ template, weight: w }));
});

export function isSelector(mix: Mix): mix is MixSelector {
  return !Array.isArray(mix);
}

type Catalog = Pick<LoadContext, 'requests' | 'defaultMix'>;

/** The weighted requests a mix stands for in this target (zero weights dropped). */
export function resolveMix(mix: Mix, { requests, defaultMix }: Catalog): MixEntry[] {
  if (!isSelector(mix)) {
    const named = mix.length > 0 ? mix : Object.entries(defaultMix).map(([template, w]) => ({ template, weight: w }));
    return named.filter((entry) => entry.weight > 0);
  }
  return Object.entries(requests).flatMap(([template, definition]) => {
    if (definition.byNameOnly === true) return [];
    const base = (defaultMix[template] ?? 0) > 0 ? defaultMix[template]! : 1;
    const kindFactor = mix.kinds === undefined ? 1 : (mix.kinds[definition.kind] ?? 0);
    const tagFactor =
      mix.tags === undefined ? 1 : Math.max(0, ...(definition.tags ?? []).map((tag) => mix.tags?.[tag] ?? 0));
    const w = base * kindFactor * tagFactor;
    return w > 0 ? [{ template, weight: w }] : [];
  });
}

/** What the mix asks of the target that it lacks: named requests it does not define, or a selection of nothing. */
export function mixMisfit(mix: Mix, catalog: Catalog): { unknown: string[] } | { nothing: string } | null {
  if (!isSelector(mix)) {
    const unknown = mix.filter((entry) => !(entry.template in catalog.requests)).map((entry) => entry.template);
    return unknown.length > 0 ? { unknown } : null;
  }
  if (resolveMix(mix, catalog).length > 0) return null;
  const asked = [
    ...Object.entries(mix.kinds ?? {})
      .filter(([, w]) => w > 0)
      .map(([kind]) => `${kind} requests`),
    ...Object.entries(mix.tags ?? {})
      .filter(([, w]) => w > 0)
      .map(([tag]) => `requests tagged "${tag}"`),
  ];
  return { nothing: `the target has no ${asked.join(' or ')}` };
}

/** Resolves a mix for a load that is about to run: nothing to send is the target's or scenario's mistake. */
export function mixEntries(mix: Mix, catalog: Catalog): MixEntry[] {
  const misfit = mixMisfit(mix, catalog);
  if (misfit !== null && 'unknown' in misfit)
    throw new LoadError(
      'TEMPLATE_UNKNOWN',
      `unknown request(s) ${misfit.unknown.map((name) => `"${name}"`).join(', ')}; the target has: ${Object.keys(catalog.requests).join(', ')}`,
    );
  const entries = resolveMix(mix, catalog);
  if (entries.length === 0)
    throw new LoadError(
      'TEMPLATE_UNAVAILABLE',
      misfit !== null && 'nothing' in misfit ? misfit.nothing : 'the load mix has no request with a positive weight',
    );
  return entries;
}

// A tiny deterministic PRNG (mulberry32). Faults that depend on chance — toxicity, jitter, slice
// sizes — draw from one of these so that a run is repeatable from the seed it prints.

/** Returns a function yielding uniformly distributed numbers in [0, 1), fully determined by `seed`. */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A seed for runs that were not given one; print it so the run can be repeated. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 4_294_967_296) >>> 0;
}

/** One of `items`, drawn with `rng`. */
export function pick<T>(rng: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(rng() * items.length)] as T;
}

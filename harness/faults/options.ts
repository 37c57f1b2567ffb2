// Option fields several faults share, validated the same way wherever they appear.
import { z } from 'zod';

export const nonNegativeInt = (what: string) =>
  z
    .number({ error: `expected ${what} as a number` })
    .int(`expected ${what} as a whole number`)
    .min(0, `expected ${what} ≥ 0`);

/** Fields every Toxiproxy-toxic fault accepts. */
export const toxicOptions = {
  /** 'downstream' (server → app, Toxiproxy's default) or 'upstream' (app → server). */
  stream: z.enum(['downstream', 'upstream']).default('downstream'),
  /** Probability in [0, 1] that a connection gets the toxic (rolled once per connection). */
  toxicity: z.number().min(0, 'expected a probability in [0, 1]').max(1, 'expected a probability in [0, 1]').default(1),
};

/** Overrides what checks assume about a slow fault, e.g. latency beyond the app's query timeout. */
export const effectOption = { effect: z.enum(['unavailable', 'degraded']).optional() };

/** How PostgreSQL is stopped: 'fast' (a clean shutdown) or 'immediate' (a crash, as clients see it). */
export const stopModeOption = { mode: z.enum(['fast', 'immediate']).default('fast') };

// Validation of fault descriptors: unknown fields are errors (a typo must not silently become a
// default), numbers are checked for range, defaults are applied.
import { z } from 'zod';
import type { Fault } from './fault-types.ts';
import { FAULT_TYPES } from './faults.ts';

const nonNegativeInt = (what: string) => z.number({ error: `expected ${what} as a number` }).int(`expected ${what} as a whole number`).min(0, `expected ${what} ≥ 0`);
const toxic = {
  stream: z.enum(['downstream', 'upstream']).default('downstream'),
  toxicity: z.number().min(0, 'expected a probability in [0, 1]').max(1, 'expected a probability in [0, 1]').default(1),
};
const effect = { effect: z.enum(['unavailable', 'degraded']).optional() };
const stopMode = z.enum(['fast', 'immediate']).default('fast');

const bare = <T extends string>(type: T) => z.strictObject({ type: z.literal(type) });

const variants = [
  bare('dbDown'),
  bare('dbUp'),
  z.strictObject({ type: z.literal('dbLatency'), latencyMs: nonNegativeInt('latencyMs'), jitterMs: nonNegativeInt('jitterMs').default(0), ...toxic, ...effect }),
  z.strictObject({ type: z.literal('dbTimeout'), timeoutMs: nonNegativeInt('timeoutMs').default(0), ...toxic }),
  z.strictObject({ type: z.literal('dbResetPeer'), timeoutMs: nonNegativeInt('timeoutMs').default(0), ...toxic }),
  z.strictObject({ type: z.literal('dbBandwidth'), rateKbps: nonNegativeInt('rateKbps'), ...toxic, ...effect }),
  z.strictObject({
    type: z.literal('dbSlicer'),
    averageSizeBytes: nonNegativeInt('averageSizeBytes').min(1, 'expected averageSizeBytes ≥ 1'),
    sizeVariationBytes: nonNegativeInt('sizeVariationBytes').default(0),
    delayUs: nonNegativeInt('delayUs').default(0),
    ...toxic,
    ...effect,
  }),
  z.strictObject({ type: z.literal('dbLimitData'), bytes: nonNegativeInt('bytes'), ...toxic }),
  bare('redisDown'),
  bare('redisUp'),
  z.strictObject({ type: z.literal('redisLatency'), latencyMs: nonNegativeInt('latencyMs'), jitterMs: nonNegativeInt('jitterMs').default(0), ...toxic }),
  z.strictObject({ type: z.literal('postgresStop'), mode: stopMode }),
  bare('postgresStart'),
  z.strictObject({ type: z.literal('postgresRestart'), mode: stopMode }),
  z.strictObject({ type: z.literal('appKill'), signal: z.enum(['SIGKILL', 'SIGTERM']).default('SIGKILL') }),
  bare('appStart'),
  bare('appRestart'),
] as const;

export const faultSchema: z.ZodType<Fault> = z.discriminatedUnion('type', variants, {
  error: (issue) =>
    issue.code === 'invalid_union' ? `expected a fault built with a helper (type one of ${FAULT_TYPES.join(', ')})` : undefined,
}) as unknown as z.ZodType<Fault>;

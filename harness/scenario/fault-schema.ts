// Validation of fault descriptors: unknown fields are errors (a typo must not silently become a
// default), numbers are checked for range, defaults are applied.
import { z } from 'zod';
import type { Fault } from './fault-types.ts';
import { FAULT_TYPES } from './faults.ts';

const nonNegativeInt = (what: string) =>
  z
    .number({ error: `expected ${what} as a number` })
    .int(`expected ${what} as a whole number`)
    .min(0, `expected ${what} ≥ 0`);
const toxic = {
  stream: z.enum(['downstream', 'upstream']).default('downstream'),
  toxicity: z.number().min(0, 'expected a probability in [0, 1]').max(1, 'expected a probability in [0, 1]').default(1),
};
const effect = { effect: z.enum(['unavailable', 'degraded']).optional() };
const stopMode = z.enum(['fast', 'immediate']).default('fast');

/** A strict object whose unknown-key error lists the fields the fault does accept. */
function strict<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field(s) ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}; expected ${known}`
        : undefined,
  });
}
const bare = <T extends string>(type: T) => strict({ type: z.literal(type) });

const variants = [
  bare('dbDown'),
  bare('dbUp'),
  strict({
    type: z.literal('dbLatency'),
    latencyMs: nonNegativeInt('latencyMs'),
    jitterMs: nonNegativeInt('jitterMs').default(0),
    ...toxic,
    ...effect,
  }),
  strict({ type: z.literal('dbTimeout'), timeoutMs: nonNegativeInt('timeoutMs').default(0), ...toxic }),
  strict({ type: z.literal('dbResetPeer'), timeoutMs: nonNegativeInt('timeoutMs').default(0), ...toxic }),
  strict({ type: z.literal('dbBandwidth'), rateKbps: nonNegativeInt('rateKbps'), ...toxic, ...effect }),
  strict({
    type: z.literal('dbSlicer'),
    averageSizeBytes: nonNegativeInt('averageSizeBytes').min(1, 'expected averageSizeBytes ≥ 1'),
    sizeVariationBytes: nonNegativeInt('sizeVariationBytes').default(0),
    delayUs: nonNegativeInt('delayUs').default(0),
    ...toxic,
    ...effect,
  }),
  strict({ type: z.literal('dbLimitData'), bytes: nonNegativeInt('bytes'), ...toxic }),
  strict({
    type: z.literal('dbLockTable'),
    table: z
      .string({ error: 'expected the name of a table to lock' })
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'expected a table name (letters, digits and _, at most 63)'),
  }),
  strict({
    type: z.literal('dbExecute'),
    sql: z.string({ error: 'expected the SQL to run' }).trim().min(1, 'expected the SQL to run'),
  }),
  bare('redisDown'),
  bare('redisUp'),
  strict({
    type: z.literal('redisLatency'),
    latencyMs: nonNegativeInt('latencyMs'),
    jitterMs: nonNegativeInt('jitterMs').default(0),
    ...toxic,
  }),
  strict({ type: z.literal('redisTimeout'), timeoutMs: nonNegativeInt('timeoutMs').default(0), ...toxic }),
  strict({ type: z.literal('postgresStop'), mode: stopMode }),
  bare('postgresStart'),
  strict({ type: z.literal('postgresRestart'), mode: stopMode }),
  strict({ type: z.literal('appKill'), signal: z.enum(['SIGKILL', 'SIGTERM']).default('SIGKILL') }),
  bare('appStart'),
  bare('appRestart'),
  bare('rollingRestart'),
] as const;

export const faultSchema: z.ZodType<Fault> = z.discriminatedUnion('type', variants, {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `expected a fault built with a helper (type one of ${FAULT_TYPES.join(', ')})`
      : undefined,
});

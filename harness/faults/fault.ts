// defineFault: what every fault file calls once. It turns a spec into the definition the registry
// lists: the builder (callable), the strict schema of its descriptor, and its traits.
import { z } from 'zod';
import type { ControlName } from './controls.ts';
import type { AnyFaultDefinition, FaultDefinition, FaultInputOf, FaultSpec, Shape } from './types.ts';

const DEFINED = Symbol.for('faultline.fault');

/** True for what defineFault made (the registry refuses anything else). */
export function isFaultDefinition(value: unknown): value is AnyFaultDefinition {
  return typeof value === 'function' && (value as unknown as Record<symbol, unknown>)[DEFINED] === true;
}

export function defineFault<const T extends string, S extends Shape, const C extends ControlName, A extends unknown[]>(
  spec: FaultSpec<T, S, C, A>,
): FaultDefinition<T, S, C, A> {
  const { build, options, ...rest } = spec;
  const shape = { type: z.literal(spec.type), ...options } as { type: z.ZodLiteral<T> } & S;
  const known = Object.keys(shape).join(', ');
  const schema = z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field(s) ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}; expected ${known}`
        : undefined,
  });
  const builder = (...args: A) => ({ type: spec.type, ...build(...args) }) as FaultInputOf<T, S>;
  return Object.assign(builder, {
    ...rest,
    schema,
    restores: spec.restores ?? [],
    revertible: spec.revert !== undefined,
    [DEFINED]: true,
  });
}

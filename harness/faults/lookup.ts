// The registered faults by type, and everything derived from them: the descriptor types a scenario
// holds, the schema that validates them (TypeScript scenarios, JSON/YAML files, `faultline inject`),
// what a scenario needs of its environment, and applying or reverting one with only its controls.
import { z } from 'zod';
import type { EnvironmentCapabilities } from '../environment/types.ts';
import type { FaultEffect } from '../timeline/types.ts';
import { OPTIONAL_CONTROLS, type ControlName, type Controls, type Granted } from './controls.ts';
import { isFaultDefinition } from './fault.ts';
import * as REGISTRY from './registry.ts';
import { FaultError, type AnyFaultDefinition } from './types.ts';

type Registry = typeof REGISTRY;

/** A fault descriptor as a run holds it: validated, defaults applied. */
export type Fault = { [K in keyof Registry]: z.output<Registry[K]['schema']> }[keyof Registry];
export type FaultType = Fault['type'];
/**
 * What a step takes: a descriptor with any field left out. Builders return complete ones; a
 * hand-written or loaded one is checked by faultSchema, which names what is missing.
 */
export type FaultInput = {
  [K in keyof Registry]: { type: K } & Partial<Omit<z.input<Registry[K]['schema']>, 'type'>>;
}[keyof Registry];

/** A registry line exporting a fault under a name other than its type does not compile. */
type Misnamed = { [K in keyof Registry]: Registry[K]['type'] extends K ? never : K }[keyof Registry];
export const REGISTRY_NAMED_BY_TYPE: [Misnamed] extends [never] ? true : { misnamed: Misnamed } = true;

/** Every registered definition by its type; a registry line whose name is not its type is refused. */
export function indexFaults(registry: Record<string, unknown>): ReadonlyMap<string, AnyFaultDefinition> {
  const byType = new Map<string, AnyFaultDefinition>();
  for (const [name, definition] of Object.entries(registry)) {
    if (!isFaultDefinition(definition) || definition.type !== name)
      throw new Error(`faults/registry.ts: ${name} is not a fault defined with defineFault under its own type`);
    byType.set(name, definition);
  }
  for (const definition of byType.values())
    for (const restored of definition.restores)
      if (!byType.has(restored)) throw new Error(`${definition.type} restores ${restored}, which is not registered`);
  return byType;
}

// By name: Node lists a module namespace's exports sorted, vite in source order; messages must not differ.
export const FAULTS = indexFaults(Object.fromEntries(Object.entries(REGISTRY).sort(([a], [b]) => a.localeCompare(b))));
export const FAULT_TYPES = [...FAULTS.keys()] as FaultType[];

export function faultDefinition(type: FaultType): AnyFaultDefinition {
  const definition = FAULTS.get(type);
  if (definition === undefined) throw new Error(`unknown fault type ${type}`);
  return definition;
}

const unknownType = `expected a fault built with a helper (type one of ${FAULT_TYPES.join(', ')})`;

/**
 * Any registered fault's descriptor, validated by its own definition's schema. Every message names
 * the fault ("dbLatency: expected latencyMs as a number"), at the path of the field.
 */
export const faultSchema: z.ZodType<Fault> = z.unknown().transform((value, ctx): Fault => {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  const definition = typeof type === 'string' ? FAULTS.get(type) : undefined;
  if (definition === undefined) {
    const path = typeof value === 'object' && value !== null ? ['type'] : [];
    ctx.addIssue({ code: 'custom', path, message: unknownType });
    return z.NEVER;
  }
  const result = definition.schema.safeParse(value);
  if (!result.success) {
    for (const problem of result.error.issues)
      ctx.addIssue({ code: 'custom', path: problem.path, message: `${definition.type}: ${problem.message}` });
    return z.NEVER;
  }
  // Parsed by the definition registered under its type: one member of the union Fault is made of.
  return result.data as Fault;
});

/** The effect checks should assume for this descriptor (its own `effect` option wins). */
export function faultEffect(fault: Fault): FaultEffect {
  if ('effect' in fault && fault.effect !== undefined) return fault.effect;
  return faultDefinition(fault.type).effect;
}

const isOptional = (control: ControlName): control is keyof typeof OPTIONAL_CONTROLS => control in OPTIONAL_CONTROLS;

/** The environment capabilities a fault needs: those its controls stand for. */
export function faultNeeds(type: FaultType): (keyof EnvironmentCapabilities)[] {
  return faultDefinition(type).controls.flatMap((control) =>
    isOptional(control) ? [OPTIONAL_CONTROLS[control].capability] : [],
  );
}

/** The controls a fault declared, each present, or the first it lacks. */
export function grant(
  definition: AnyFaultDefinition,
  controls: Controls,
): { granted: Granted<ControlName> } | { missing: ControlName } {
  const granted: Partial<Controls> = {};
  for (const name of definition.controls) {
    const control = controls[name];
    if (control === undefined) return { missing: name };
    Object.assign(granted, { [name]: control });
  }
  // Only the declared controls are in it: the definition's own apply is typed by exactly those.
  return { granted: granted as Granted<ControlName> };
}

function granted(definition: AnyFaultDefinition, controls: Controls): Granted<ControlName> {
  const result = grant(definition, controls);
  if ('missing' in result) {
    const what =
      OPTIONAL_CONTROLS[result.missing as keyof typeof OPTIONAL_CONTROLS]?.what ?? `a ${result.missing} control`;
    throw new FaultError(`${definition.type} needs ${what}, which this environment does not have`);
  }
  return result.granted;
}

/** Puts a fault in place with only the controls it declared. */
export async function applyFault(fault: Fault, controls: Controls, window: string): Promise<void> {
  const definition = faultDefinition(fault.type);
  return definition.apply(granted(definition, controls), fault, window);
}

/** Undoes a fault's window; a one-off action (a restore, a restart) has no inverse. */
export async function revertFault(fault: Fault, controls: Controls, window: string): Promise<void> {
  const definition = faultDefinition(fault.type);
  if (definition.revert === undefined) throw new FaultError(`${fault.type} has no inverse`);
  return definition.revert(granted(definition, controls), fault, window);
}

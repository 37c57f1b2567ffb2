// The faults a scenario file builds its timeline with: every registered fault's builder, by name
// (each fault is one definition under harness/faults/, listed in harness/faults/registry.ts), and
// the types of the descriptors they make.
export * from '../faults/registry.ts';
export {
  FAULT_TYPES,
  faultDefinition,
  faultEffect,
  faultNeeds,
  faultSchema,
  type Fault,
  type FaultInput,
  type FaultType,
} from '../faults/lookup.ts';

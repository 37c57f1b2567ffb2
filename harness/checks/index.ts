// Checks: the contract, every check, and the registry the runner evaluates them through.
export type * from './types.ts';
export {
  CHECKS,
  CHECK_NAMES,
  evaluateChecks,
  getCheck,
  type CheckName,
  type ConfiguredCheck,
  type ConfiguredTargetCheck,
} from './registry.ts';
export { checkResult, describeSample, describeProbe, MAX_EVIDENCE } from './result.ts';
export { parseThreshold, aggregateOf, holds, percentile, ThresholdError, type Threshold } from './threshold.ts';
export { DEFAULT_ALLOWLIST, type AllowEntry, type StatusAllowlistOptions } from './status-allowlist.ts';
export { databaseReachableAtMs, firstReadyAtMs } from './ready-within.ts';

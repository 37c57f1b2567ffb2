// Release gating: the policy contract, its schema, the shipped policies, and applying one to results.
export type * from './types.ts';
export { defineGatingPolicy, isGatingPolicy, type GatingPolicyInput } from './schema.ts';
export { DEFAULT_POLICY, RELEASE_POLICY, GATING_POLICIES } from './policies.ts';
export { gateScenario, gateRun, failedAttempt, shouldRetry, policySummary, roleOf } from './gate.ts';
export { evaluateThresholds, thresholdCheckName } from './thresholds.ts';
export { parseMetricKey, parseExpression, measure, METRICS, METRIC_TAGS } from './metrics.ts';
export { resolvePolicy } from './resolve.ts';

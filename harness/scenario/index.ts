// Scenarios: what a file under scenarios/ imports to describe a run, and what the runner loads.
export { bindScenario, defineScenario, isScenario, scenarioFacts, withFile } from './define.ts';
export { BoundUnavailable, MACHINE_SLACK_MS, scenarioBounds, type RedisBounds, type ScenarioBounds } from './bounds.ts';
export { defineSuite, isSuite } from './suite.ts';
export { loadScenarioFile, loadSuiteFile, loadScenarioOrSuiteFile } from './load-file.ts';
export { ScenarioError, problemsFromZod, formatPath, type ScenarioProblem } from './errors.ts';
export {
  afterReady,
  at,
  during,
  every,
  type Anchor,
  type ReadyTime,
  type Step,
  type StepInput,
  type StepTime,
} from './steps.ts';
export { planFaults, type PlannedAction } from './plan.ts';
export * from './faults.ts';
export type * from './types.ts';

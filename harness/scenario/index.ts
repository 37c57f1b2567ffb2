// Scenarios: what a file under scenarios/ imports to describe a run, and what the runner loads.
export { defineScenario, isScenario, scenarioFacts, withFile } from './define.ts';
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
export {
  FAULT_TRAITS,
  FAULT_TYPES,
  faultEffect,
  faultNeeds,
  dbDown,
  dbUp,
  dbLatency,
  dbTimeout,
  dbResetPeer,
  dbBandwidth,
  dbSlicer,
  dbLimitData,
  dbLockTable,
  dbExecute,
  redisDown,
  redisUp,
  redisLatency,
  redisTimeout,
  postgresStop,
  postgresStart,
  postgresRestart,
  appKill,
  appStart,
  appRestart,
  rollingRestart,
  type FaultTraits,
} from './faults.ts';
export type * from './fault-types.ts';
export type * from './types.ts';

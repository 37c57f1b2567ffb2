// The `faultline` package: what a team imports to keep chaos scenarios in its own test suite.
//
//   import { defineScenario, during, dbDown, runScenario } from 'faultline';
//   import 'faultline/vitest';   // expect(result).toPassChecks()
//
// Everything here is TypeScript run from source (vitest and tsx load it as is).
export { runScenario, type RunScenarioOptions } from './api.ts';

// Describing the app under test (faultline.config.ts).
export { defineTarget, TargetError } from './target/define.ts';
export type * from './target/types.ts';

// Describing scenarios and suites.
export {
  defineScenario,
  defineSuite,
  at,
  afterReady,
  during,
  every,
  ScenarioError,
  loadScenarioFile,
  loadSuiteFile,
} from './scenario/index.ts';
// Every fault's builder, by name: dbDown(), dbLatency({ latencyMs: 800 }), appKill(), ...
export * from './faults/registry.ts';
export type { Scenario, ScenarioInput, Suite, SuiteInput } from './scenario/types.ts';
export {
  CHECK_NAMES,
  checkResult,
  type CheckContext,
  type CheckName,
  type CheckResult,
  type Evidence,
} from './checks/index.ts';

// Gating and verdicts.
export {
  defineGatingPolicy,
  DEFAULT_POLICY,
  RELEASE_POLICY,
  gateRun,
  type GatingPolicy,
  type GatingPolicyInput,
  type GatedRunResult,
  type GatedScenarioResult,
} from './report/gating/index.ts';
export { verdictLine, runPassed, outcomeOf } from './report/verdict.ts';

// Reports, for rendering results yourself.
export { REPORTERS } from './report/registry.ts';
export type { Reporter, ReportContext, RunMeta } from './report/types.ts';
export { toJsonReport, readJsonReport, JSON_REPORT_SCHEMA_VERSION, type JsonReport } from './report/json.ts';
export { renderJunit } from './report/junit.ts';
export { renderMarkdown } from './report/markdown.ts';
export { renderHtml } from './report/html/index.ts';
export type { RunResult, ScenarioRunResult, ScenarioStatus } from './runner/types.ts';
export type { Sample, Timeline } from './timeline/types.ts';

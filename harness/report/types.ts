// The reporter contract: an interface of optional hooks (like vitest's), looked up by name. The
// runner fans out to every reporter and owns the exit code; a reporter only renders.
import type { RunResult, ScenarioRunResult } from '../runner/types.ts';

export interface ReportContext {
  /** reports/<run-id>/ — created before any hook runs. */
  directory: string;
  /** Versions and environment, for reports that record them. */
  meta: RunMeta;
}

export interface RunMeta {
  faultlineVersion: string;
  nodeVersion: string;
  platform: string;
  environment: string;
  loadEngine: string;
  command: string;
}

export interface Reporter {
  readonly name: string;
  onRunStart?(context: ReportContext, plan: { runId: string; seed: number; scenarios: string[] }): void | Promise<void>;
  onScenarioEnd?(context: ReportContext, result: ScenarioRunResult): void | Promise<void>;
  /** Returns the files it wrote (for the final summary). */
  onRunEnd?(context: ReportContext, result: RunResult): string[] | void | Promise<string[] | void>;
}

// The reporter contract: an interface of optional hooks (like vitest's), looked up by name. The
// runner fans out to every reporter and owns the exit code; a reporter only renders.
import type { GatedRunResult, GatedScenarioResult } from './gating/types.ts';

export interface ReportContext {
  /** reports/<run-id>/ — created before any hook runs. */
  directory: string;
  /** Versions and environment, for reports that record them. */
  meta: RunMeta;
  /**
   * A file the Markdown summary is appended to as well ($GITHUB_STEP_SUMMARY, read by the CLI at
   * the edge); undefined outside GitHub Actions.
   */
  stepSummaryPath?: string;
}

export interface RunMeta {
  faultlineVersion: string;
  nodeVersion: string;
  platform: string;
  environment: string;
  loadEngine: string;
  command: string;
}

export interface RunPlan {
  runId: string;
  seed: number;
  scenarios: string[];
  /** The gating policy's name. */
  policy?: string;
}

export interface Reporter {
  readonly name: string;
  onRunStart?(context: ReportContext, plan: RunPlan): void | Promise<void>;
  /** Called once per scenario, with its last attempt (earlier ones are in `gate.retried`). */
  onScenarioEnd?(context: ReportContext, result: GatedScenarioResult): void | Promise<void>;
  /** Returns the files it wrote (for the final summary). */
  onRunEnd?(context: ReportContext, result: GatedRunResult): string[] | void | Promise<string[] | void>;
}

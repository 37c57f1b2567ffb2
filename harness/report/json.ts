// The full run as JSON: scenarios, fault windows, verdicts with evidence, figures, the gating policy
// and each scenario's gate, seed, versions and environment — the input of every other report, and
// of anyone's own tooling. Its type is exported and versioned.
//
// schemaVersion 2: scenarios carry `gate` (outcome, attempts, roles) and the run its `policy`;
// gating thresholds appear among `checks`; `passed` means "no blocking failure".
import fs from 'node:fs/promises';
import path from 'node:path';
import type { GatedRunResult } from './gating/types.ts';
import type { Reporter, RunMeta } from './types.ts';
import { runPassed, verdictLine } from './verdict.ts';

export const JSON_REPORT_SCHEMA_VERSION = 2;

export interface JsonReport extends GatedRunResult {
  schemaVersion: typeof JSON_REPORT_SCHEMA_VERSION;
  passed: boolean;
  verdict: string;
  meta: RunMeta;
}

export function toJsonReport(result: GatedRunResult, meta: RunMeta): JsonReport {
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    passed: runPassed(result),
    verdict: verdictLine(result),
    meta,
    ...result,
  };
}

/** Reads a report.json back (for re-rendering reports from a stored run). */
export async function readJsonReport(file: string): Promise<JsonReport> {
  const report = JSON.parse(await fs.readFile(file, 'utf8')) as JsonReport;
  if (typeof report !== 'object' || report === null || !Array.isArray(report.scenarios))
    throw new Error(`${file} is not a Faultline report.json`);
  return report;
}

export const jsonReporter: Reporter = {
  name: 'json',
  async onRunEnd(context, result) {
    const file = path.join(context.directory, 'report.json');
    await fs.writeFile(file, `${JSON.stringify(toJsonReport(result, context.meta), null, 2)}\n`);
    return [file];
  },
};

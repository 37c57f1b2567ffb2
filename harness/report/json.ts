// The full run as JSON: scenarios, fault windows, verdicts with evidence, figures, seed, versions and
// environment — the input of every other report, and of anyone's own tooling. Its type is exported
// and versioned.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { RunResult } from '../runner/types.ts';
import type { Reporter, RunMeta } from './types.ts';
import { runPassed, verdictLine } from './verdict.ts';

export const JSON_REPORT_SCHEMA_VERSION = 1;

export interface JsonReport extends RunResult {
  schemaVersion: typeof JSON_REPORT_SCHEMA_VERSION;
  passed: boolean;
  verdict: string;
  meta: RunMeta;
}

export function toJsonReport(result: RunResult, meta: RunMeta): JsonReport {
  return { schemaVersion: JSON_REPORT_SCHEMA_VERSION, passed: runPassed(result), verdict: verdictLine(result), meta, ...result };
}

export const jsonReporter: Reporter = {
  name: 'json',
  async onRunEnd(context, result) {
    const file = path.join(context.directory, 'report.json');
    await fs.writeFile(file, `${JSON.stringify(toJsonReport(result, context.meta), null, 2)}\n`);
    return [file];
  },
};

// `faultline matrix`: the scenarios of the target's matrix against the healthy app, then every defect
// of the target against the scenarios that must catch it (its config's `defects.cells`). Prints the matrix,
// writes reports/<run-id>/matrix.{md,json}, and exits 0 only when the healthy app passed and every
// defect was caught; 1 when a defect was missed or the healthy app failed, 3 when nothing failed but
// something could not run or the app never booted in preflight (not proven), 2 for invalid input.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomSeed } from '../../lib/random.ts';
import { cellLine, healthyLine, matrixSummary } from '../../matrix/console.ts';
import { chooseDefects, resolveCellScenarios, targetMatrix } from '../../matrix/cell-scenarios.ts';
import { runMatrix } from '../../matrix/run-matrix.ts';
import { newRunId } from '../../runner/run-id.ts';
import { writeMatrixReports } from '../../matrix/write-reports.ts';
import type { Command } from '../command.ts';
import { onInterrupt } from '../interrupt.ts';
import { ExitCode, UsageError } from '../exit-codes.ts';
import { parseSeed, TARGET_OPTION } from '../flags.ts';
import { assertScenariosFit } from '../../target/fit.ts';
import { loadTarget } from '../../target/load-target.ts';
import { pointLatest, prepareReportDir } from '../report-dir.ts';
import { preflightLines } from '../../report/preflight-text.ts';

const list = (raw: string): string[] =>
  raw
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);

export const matrixCommand: Command = {
  name: 'matrix',
  summary:
    "Prove the checks: the matrix's scenarios on the healthy app, then each of the target's defects against the scenarios that must catch it",
  usage: 'faultline matrix [--seed N] [--report-dir reports] [--only defect,...] [--target FILE]',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        seed: { type: 'string' },
        'report-dir': { type: 'string', default: 'reports' },
        only: { type: 'string' },
        ...TARGET_OPTION,
      },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const seed = values.seed === undefined ? randomSeed() : parseSeed(values.seed);
    const target = await loadTarget({ file: values.target });
    const matrix = targetMatrix(target);
    const only = values.only === undefined ? undefined : chooseDefects(target, matrix, list(values.only));
    const scenarios = await resolveCellScenarios(target, matrix, only);
    assertScenariosFit(target, [...scenarios.values()]);
    const runId = newRunId(seed, 'matrix');
    const directory = await prepareReportDir(values['report-dir'], runId);

    const abort = onInterrupt();

    console.log(
      `faultline matrix ${runId} · seed ${seed} · ${only === undefined ? 'every defect' : `defects ${only.join(', ')}`}`,
    );
    let result;
    try {
      result = await runMatrix({
        runId,
        seed,
        matrix,
        scenarios,
        only,
        environment: { kind: 'embedded', target },
        signal: abort.signal,
        onStart: ({ defect, scenario }) => process.stderr.write(`▶ ${defect ?? 'healthy'} × ${scenario}\n`),
        onPreflight: ({ result: preflight }) => process.stderr.write(`  ${preflightLines(preflight)[0]}\n`),
        onHealthy: (healthy) => console.log(healthyLine(healthy)),
        onCell: (cell) => console.log(cellLine(cell)),
      });
    } finally {
      abort.dispose();
    }
    console.log(matrixSummary(result));

    const written = await writeMatrixReports(directory, result);
    await pointLatest(values['report-dir'], runId);
    console.log(`reports: ${written.map((file) => path.relative(process.cwd(), file)).join(', ')}`);

    if (abort.signal.aborted) return ExitCode.Interrupted;
    // A cell that could not run (e.g. it needs Redis and there is none, or the app never booted with
    // its defect) or a healthy app that failed its preflight proves nothing: exit 3.
    if (result.verdict === 'not-proven') return ExitCode.NotProven;
    return result.passed ? ExitCode.Ok : ExitCode.ChecksFailed;
  },
};

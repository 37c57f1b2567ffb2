// The matrix on the console: one line per healthy run and per cell as they finish, and the grid at
// the end (defect × scenario → caught by which check, missed, or not proven because it could not run).
import { preflightLines } from '../report/preflight-text.ts';
import type { CellResult, HealthyResult, MatrixResult } from './types.ts';

const useColor = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
const paint = (code: number, text: string): string => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
const MARK = {
  passed: paint(32, 'PASS  '),
  failed: paint(31, 'FAIL  '),
  skipped: paint(33, 'SKIP  '),
  error: paint(35, 'ERROR '),
  caught: paint(32, 'CAUGHT'),
  missed: paint(31, 'MISSED'),
  'wrong-reason': paint(31, 'WRONG '),
  'not-proven': paint(33, 'UNPROVEN'),
} as const;
const seconds = (ms: number): string => `${(ms / 1_000).toFixed(1)} s`;

export function healthyLine(result: HealthyResult): string {
  const failed = result.failedChecks.map((check) => `${check.name}: ${check.summary}`).join('; ');
  return `  ${MARK[result.status]} healthy × ${result.scenario}  (${seconds(result.durationMs)})${failed === '' ? '' : `  ${failed}`}${result.reason === undefined ? '' : `  ${result.reason}`}`;
}

export function cellLine(cell: CellResult): string {
  return `  ${MARK[cell.verdict]} ${cell.defect} × ${cell.scenario}  (${seconds(cell.durationMs)})  ${cell.explanation}`;
}

export function matrixSummary(result: MatrixResult): string {
  const failedBoot = result.preflights.find((preflight) => preflight.defect === null && !preflight.result.passed);
  if (failedBoot !== undefined)
    return [
      '',
      ...preflightLines(failedBoot.result),
      '',
      `MATRIX NOT PROVEN — the healthy app never became healthy in preflight; nothing ran (seed ${result.seed})`,
    ].join('\n');
  const lines = ['', 'Defect matrix (defect × scenario → the checks that caught it):'];
  const width = Math.max(...result.summary.map((summary) => summary.defect.length));
  for (const summary of result.summary) {
    const cells = result.cells.filter((cell) => cell.defect === summary.defect);
    lines.push(`  ${MARK[summary.verdict]} ${summary.defect.padEnd(width)}`);
    for (const cell of cells)
      lines.push(
        `      ${cell.scenario.padEnd(26)} ${cell.verdict === 'caught' ? cell.mustFail.map((check) => check.name).join(', ') : `${cell.verdict}: ${cell.explanation}`}`,
      );
  }
  const healthyFailed = result.healthy.filter((healthy) => healthy.status === 'failed');
  const missed = result.summary.filter((summary) => summary.verdict === 'missed').map((summary) => summary.defect);
  lines.push('', `Checks made to fail by a defect: ${result.checksShownFailing.join(', ') || 'none'}`);
  if (result.checksNeverShownFailing.length > 0)
    lines.push(`Checks no defect made fail: ${result.checksNeverShownFailing.join(', ')}`);
  const tail = `(${seconds(result.durationMs)}, seed ${result.seed})`;
  lines.push(
    '',
    result.verdict === 'passed'
      ? `MATRIX OK — the healthy app passed ${result.healthy.length} scenario(s); all ${result.summary.length} defect(s) caught ${tail}`
      : result.verdict === 'not-proven'
        ? `MATRIX NOT PROVEN — nothing failed, but not everything ran: ${result.notProven.join('; ')} ${tail}`
        : `MATRIX FAILED — ${[
            ...(healthyFailed.length > 0
              ? [`the healthy app failed ${healthyFailed.map((healthy) => healthy.scenario).join(', ')}`]
              : []),
            ...(missed.length > 0 ? [`not caught: ${missed.join(', ')}`] : []),
          ].join('; ')} ${tail}`,
  );
  return lines.join('\n');
}

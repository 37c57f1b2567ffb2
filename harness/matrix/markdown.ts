// The matrix in Markdown: the run's result (matrix.md in the report directory) and the declared
// matrix (the table README.md shows, kept in step with defect-matrix.ts by a test).
import { preflightLines } from '../report/preflight-text.ts';
import type { DefectMatrix, MatrixResult } from './types.ts';

const cellText = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const seconds = (ms: number): string => `${(ms / 1_000).toFixed(1)} s`;
const TITLE = { passed: 'PASSED', failed: 'FAILED', 'not-proven': 'NOT PROVEN' } as const;
const DEFECT_NOTE = { caught: '', missed: ' **not caught**', 'not-proven': ' **not proven**' } as const;
const MARK = {
  caught: '✅ caught',
  missed: '❌ missed',
  'wrong-reason': '⚠️ wrong reason',
  error: '💥 error',
  skipped: '⏭️ skipped',
} as const;

/** defect × scenario → the checks that must fail (and those that must still pass). */
export function declaredMatrixMarkdown(matrix: DefectMatrix): string {
  const lines = ['| defect | scenario | must fail | must still pass |', '|---|---|---|---|'];
  for (const [defect, cells] of Object.entries(matrix)) {
    for (const cell of cells) {
      lines.push(
        `| \`${defect}\` | \`${cell.scenario}\` | ${cell.mustFail.join(', ')} | ${cell.mustPass.length === 0 ? '—' : cell.mustPass.join(', ')} |`,
      );
    }
  }
  return lines.join('\n');
}

export function matrixMarkdown(result: MatrixResult): string {
  const out: string[] = [];
  out.push(`# Defect matrix — ${TITLE[result.verdict]}`, '');
  for (const { defect, result: preflight } of result.preflights.filter((item) => !item.result.passed)) {
    const [what, ...details] = preflightLines(preflight);
    out.push(`## Preflight (${defect ?? 'the healthy app'})`, '', what ?? '', '', '```text', ...details, '```', '');
  }
  out.push(
    `Run \`${result.runId}\` · seed ${result.seed} · ${seconds(result.durationMs)} · ${result.defects.length} defect(s), ${result.cells.length} cell(s)`,
    '',
  );
  out.push(`Repeat a cell: \`faultline run <scenario> --defects <defect> --seed ${result.seed}\`.`, '');
  if (result.notProven.length > 0)
    out.push(
      'Not proven here (these did not run, so they count neither as caught nor as passed):',
      '',
      ...result.notProven.map((line) => `- ${cellText(line)}`),
      '',
    );

  out.push('## The healthy app', '', '| scenario | verdict | duration | failed checks |', '|---|---|---|---|');
  for (const healthy of result.healthy) {
    const failed =
      healthy.failedChecks.map((check) => `${check.name}: ${check.summary}`).join('<br>') || (healthy.reason ?? '');
    out.push(`| \`${healthy.scenario}\` | ${healthy.status} | ${seconds(healthy.durationMs)} | ${cellText(failed)} |`);
  }

  const scenarios = [...new Set(result.cells.map((cell) => cell.scenario))];
  out.push(
    '',
    '## Defects × scenarios',
    '',
    `| defect | ${scenarios.map((name) => `\`${name}\``).join(' | ')} |`,
    `|---|${scenarios.map(() => '---').join('|')}|`,
  );
  for (const summary of result.summary) {
    const row = scenarios.map((scenario) => {
      const cell = result.cells.find(
        (candidate) => candidate.defect === summary.defect && candidate.scenario === scenario,
      );
      if (cell === undefined) return '';
      return cell.verdict === 'caught'
        ? `${MARK.caught} by ${cell.mustFail.map((check) => check.name).join(', ')}`
        : MARK[cell.verdict];
    });
    out.push(`| \`${summary.defect}\`${DEFECT_NOTE[summary.verdict]} | ${row.map(cellText).join(' | ')} |`);
  }

  out.push('', '## Checks shown failing', '');
  out.push(`Made to fail by a defect: ${result.checksShownFailing.join(', ') || 'none'}.`);
  if (result.checksNeverShownFailing.length > 0) {
    out.push(
      `Not made to fail by any defect of this run (their unit tests show them failing on recorded timelines): ${result.checksNeverShownFailing.join(', ')}.`,
    );
  }

  out.push('', '## Cells', '');
  for (const cell of result.cells) {
    out.push(
      `### \`${cell.defect}\` × \`${cell.scenario}\` — ${MARK[cell.verdict]}`,
      '',
      cell.why,
      '',
      `- ${cell.explanation}`,
    );
    for (const check of [...cell.mustFail, ...cell.mustPass])
      out.push(`- ${check.passed ? 'passed' : 'failed'} \`${check.name}\`: ${check.summary}`);
    const others = cell.failedChecks.filter((name) => !cell.mustFail.some((check) => check.name === name));
    if (others.length > 0) out.push(`- also failed: ${others.join(', ')}`);
    out.push(`- ${seconds(cell.durationMs)}`, '');
  }
  return `${out.join('\n')}\n`;
}

// The Markdown summary, for $GITHUB_STEP_SUMMARY and PR comments: the verdict line, a table of
// scenarios, and for each scenario with a failed check its checks, a status-over-time chart
// (Mermaid xychart-beta), the fault windows and the evidence. Written to summary.md, and appended
// to the step summary file when the CLI was given one (GitHub Actions sets GITHUB_STEP_SUMMARY).
import fs from 'node:fs/promises';
import path from 'node:path';
import { isUnproven } from '../checks/result.ts';
import { keyFigure } from './console.ts';
import type { GatedRunResult, GatedScenarioResult, GateOutcome } from './gating/types.ts';
import { statusOverTime } from './mermaid.ts';
import type { Reporter, RunMeta } from './types.ts';
import { preflightLines } from './preflight-text.ts';
import { outcomeOf, verdictLine } from './verdict.ts';

export const MARKDOWN_FILE = 'summary.md';

const ICON: Record<GateOutcome, string> = {
  passed: '✅ passed',
  flaky: '⚠️ flaky',
  warned: '⚠️ warned',
  failed: '❌ failed',
  skipped: '⏭️ skipped',
  error: '💥 error',
  'not-proven': '❔ not proven',
};

/** Table cells: no pipes or newlines, bounded length (PR comments are capped at 65 536 characters). */
function cell(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Inline code that survives backticks in the text. */
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function summaryTable(result: GatedRunResult): string[] {
  const rows = result.scenarios.map((scenario) => {
    const failed = scenario.checks
      .filter((check) => !check.passed)
      .map((check) => `${check.name} (${keyFigure(check)})`);
    const held = `${scenario.checks.length - failed.length}/${scenario.checks.length}`;
    const attempts = (scenario.gate?.attempts ?? 1) > 1 ? ` (${scenario.gate?.attempts} attempts)` : '';
    return `| ${cell(scenario.name)} | ${ICON[outcomeOf(scenario)]}${attempts} | ${held} | ${cell(failed.join(', ') || scenario.reason || '', 240)} | ${(scenario.durationMs / 1_000).toFixed(1)} s |`;
  });
  return ['| scenario | outcome | checks held | failed checks | duration |', '|---|---|---|---|---|', ...rows];
}

function scenarioDetails(scenario: GatedScenarioResult): string[] {
  const lines = [
    `### ${ICON[outcomeOf(scenario)].split(' ')[0]} ${scenario.name}`,
    '',
    cell(scenario.description, 600),
    '',
  ];
  for (const attempt of scenario.gate?.retried ?? []) {
    lines.push(
      `> Attempt ${attempt.attempt} failed: ${cell(attempt.failedChecks.map((check) => check.name).join(', ') || attempt.status)}.`,
      '',
    );
  }
  lines.push('| | check | role | key figure | verdict |', '|---|---|---|---|---|');
  for (const check of scenario.checks) {
    const role = scenario.gate?.roles[check.name] ?? 'blocking';
    const mark = check.passed ? '✅' : isUnproven(check) ? '❔' : role === 'advisory' ? '⚠️' : '❌';
    lines.push(`| ${mark} | ${code(check.name)} | ${role} | ${cell(keyFigure(check), 60)} | ${cell(check.summary)} |`);
  }
  lines.push('');
  const timeline = scenario.timeline;
  if (timeline !== null) {
    const chart = statusOverTime(scenario.name, timeline);
    lines.push(chart.block, '', `<sub>${chart.legend}</sub>`, '');
    const faults = timeline.faults.map((fault) =>
      fault.effect === 'restore'
        ? `${code(fault.kind)} at ${(fault.effectiveAtMs / 1_000).toFixed(1)} s`
        : `${code(fault.kind)} ${(fault.effectiveAtMs / 1_000).toFixed(1)}–${fault.endedAtMs === null ? 'end' : `${(fault.endedAtMs / 1_000).toFixed(1)} s`} (${fault.target}, ${fault.effect})`,
    );
    if (faults.length > 0) lines.push(`Fault windows: ${faults.join('; ')}.`, '');
  }
  const failed = scenario.checks.filter((check) => !check.passed);
  if (failed.length > 0) {
    lines.push('<details><summary>Evidence</summary>', '');
    for (const check of failed) {
      lines.push(`**${check.name}** — ${cell(check.summary, 300)}`, '');
      for (const evidence of check.evidence.firstOffending) lines.push(`- ${code(cell(evidence.note, 200))}`);
      lines.push('');
    }
    lines.push('</details>', '');
  }
  return lines;
}

export function renderMarkdown(result: GatedRunResult, meta: RunMeta): string {
  const verdict = verdictLine(result);
  const policy =
    result.policy === undefined
      ? ''
      : ` · gating policy ${code(result.policy.name)} (retries ${result.policy.retries})`;
  const lines = [
    '## Faultline resilience report',
    '',
    `**${verdict.split(' — ')[0]}** — ${verdict.split(' — ').slice(1).join(' — ')}`,
    '',
    `Run ${code(result.runId)} · seed ${code(String(result.seed))} · ${meta.environment} environment · ${meta.loadEngine} load${policy} · faultline ${meta.faultlineVersion}, node ${meta.nodeVersion}`,
    '',
    ...summaryTable(result),
    '',
  ];
  if (result.preflight !== undefined && !result.preflight.passed) {
    const [what, ...details] = preflightLines(result.preflight);
    lines.push(
      '### Preflight',
      '',
      what ?? '',
      '',
      '```text',
      ...details.map((line) => line.replace(/^ {2}/, '')),
      '```',
      '',
    );
  }
  // Details (and a chart) for each scenario that has something to look at: a failed check or an error.
  for (const scenario of result.scenarios) {
    if (
      scenario.checks.some((check) => !check.passed) ||
      scenario.status === 'error' ||
      scenario.status === 'not-proven'
    )
      lines.push(...scenarioDetails(scenario));
  }
  lines.push(
    `<sub>Reproduce: ${code(`${meta.command.includes('--seed') ? meta.command : `${meta.command} --seed ${result.seed}`}`)}</sub>`,
    '',
  );
  return lines.join('\n');
}

export const markdownReporter: Reporter = {
  name: 'markdown',
  async onRunEnd(context, result) {
    const markdown = renderMarkdown(result, context.meta);
    const file = path.join(context.directory, MARKDOWN_FILE);
    await fs.writeFile(file, markdown);
    if (context.stepSummaryPath === undefined) return [file];
    await fs.appendFile(context.stepSummaryPath, `${markdown}\n`);
    return [file, context.stepSummaryPath];
  },
};

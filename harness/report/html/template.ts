// The HTML page: the verdict, what ran, a summary table, then per scenario its timeline chart, the
// checks with their evidence, and the fault windows. Everything is inline (styles, SVG charts), so
// the one file opens offline, from a CI artifact or an e-mail.
import { isUnproven } from '../../checks/result.ts';
import type { CheckResult } from '../../checks/types.ts';
import { keyFigure } from '../console.ts';
import { escapeXml as esc } from '../escape.ts';
import type { GatedRunResult, GatedScenarioResult, GateOutcome } from '../gating/types.ts';
import type { RunMeta } from '../types.ts';
import { preflightLines } from '../preflight-text.ts';
import { outcomeOf, runErrored, runPassed, verdictLine } from '../verdict.ts';
import { chartData, OUTCOME_LABELS } from './chart-data.ts';
import { STYLES } from './styles.ts';
import { HEALTH_COLORS, LATENCY_COLORS, OUTCOME_COLORS, renderTimelineChart } from './svg-chart.ts';

const OUTCOME_TEXT: Record<GateOutcome, string> = {
  passed: 'PASSED',
  flaky: 'FLAKY',
  warned: 'WARNED',
  failed: 'FAILED',
  skipped: 'SKIPPED',
  error: 'ERROR',
  'not-proven': 'NOT PROVEN',
};

const badge = (
  outcome: GateOutcome | 'advisory',
  text: string = outcome === 'advisory' ? 'WARN' : OUTCOME_TEXT[outcome],
): string => `<span class="badge ${outcome}">${esc(text)}</span>`;
const anchor = (name: string): string => `scenario-${name.replace(/[^a-z0-9-]/gi, '-')}`;
const seconds = (ms: number): string => `${(ms / 1_000).toFixed(1)} s`;

function verdictClass(result: GatedRunResult): string {
  if (!runPassed(result))
    return runErrored(result) && result.scenarios.every((scenario) => outcomeOf(scenario) !== 'failed') ? 'err' : 'bad';
  return result.scenarios.some((scenario) => ['flaky', 'warned'].includes(outcomeOf(scenario))) ? 'warn' : 'ok';
}

function metaCard(result: GatedRunResult, meta: RunMeta): string {
  const rows: [string, string][] = [
    ['run', result.runId],
    ['seed', String(result.seed)],
    ['started', result.startedAt],
    ['duration', seconds(result.durationMs)],
    ['environment', meta.environment],
    ['load engine', meta.loadEngine],
    ['versions', `faultline ${meta.faultlineVersion}, node ${meta.nodeVersion}, ${meta.platform}`],
    ['command', meta.command],
  ];
  if (result.policy !== undefined) {
    const thresholds = result.policy.thresholds
      .map((threshold) => `${threshold.key}: ${threshold.expressions.join(', ')}`)
      .join('; ');
    rows.push([
      'gating policy',
      `${result.policy.name} — ${result.policy.description || 'no description'} (retries ${result.policy.retries}; advisory: ${result.policy.advisory.join(', ') || 'none'}${thresholds === '' ? '' : `; thresholds: ${thresholds}`})`,
    ]);
  }
  return `<section class="card"><dl class="meta">${rows.map(([key, value]) => `<dt>${esc(key)}</dt><dd>${esc(value)}</dd>`).join('')}</dl></section>`;
}

function summaryTable(result: GatedRunResult): string {
  const rows = result.scenarios.map((scenario) => {
    const failed = scenario.checks.filter((check) => !check.passed).map((check) => check.name);
    const passed = scenario.checks.length - failed.length;
    return `<tr><td><a href="#${anchor(scenario.name)}">${esc(scenario.name)}</a></td><td>${badge(outcomeOf(scenario))}</td><td class="num">${scenario.gate?.attempts ?? 1}</td><td class="num">${passed} / ${scenario.checks.length}</td><td class="num">${seconds(scenario.durationMs)}</td><td>${esc(failed.join(', ') || scenario.reason || '')}</td></tr>`;
  });
  return `<section class="card"><table><thead><tr><th>scenario</th><th>outcome</th><th>attempts</th><th>checks held</th><th>duration</th><th>failed checks</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function evidenceCell(check: CheckResult): string {
  const items = check.evidence.firstOffending.map((evidence) => `<li>${esc(evidence.note)}</li>`);
  const counts = Object.entries(check.evidence.counts)
    .map(([key, value]) => `${key} ${value}`)
    .join(' · ');
  if (items.length === 0) return counts === '' ? '' : `<div class="counts">${esc(counts)}</div>`;
  return `<details${check.passed ? '' : ' open'}><summary>${items.length} offending item${items.length === 1 ? '' : 's'}</summary><ul>${items.join('')}</ul></details>${counts === '' ? '' : `<div class="counts">${esc(counts)}</div>`}`;
}

function checksTable(scenario: GatedScenarioResult): string {
  if (scenario.checks.length === 0) return '';
  const rows = scenario.checks.map((check) => {
    const role = scenario.gate?.roles[check.name] ?? 'blocking';
    const mark = check.passed
      ? badge('passed', 'PASS')
      : isUnproven(check)
        ? badge('not-proven', 'NOTHING TO JUDGE')
        : role === 'advisory'
          ? badge('advisory')
          : badge('failed', 'FAIL');
    return `<tr data-check="${esc(check.name)}" data-passed="${check.passed}"><td>${mark}</td><td><strong>${esc(check.name)}</strong><div class="role">${role}</div></td><td class="num">${esc(keyFigure(check))}</td><td>${esc(check.summary)}</td><td>${evidenceCell(check)}</td></tr>`;
  });
  return `<h3>Checks</h3><table class="checks"><thead><tr><th></th><th>check</th><th>key figure</th><th>verdict</th><th>evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function faultTable(scenario: GatedScenarioResult): string {
  const faults = scenario.timeline?.faults ?? [];
  if (faults.length === 0) return '';
  const rows = faults.map(
    (fault) =>
      `<tr><td>${esc(fault.name)}</td><td>${esc(fault.target)}</td><td>${esc(fault.effect)}</td><td class="num">${Math.round(fault.effectiveAtMs)} ms</td><td class="num">${fault.endedAtMs === null ? 'end of run' : `${Math.round(fault.endedAtMs)} ms`}</td></tr>`,
  );
  return `<h3>Fault windows</h3><table><thead><tr><th>fault</th><th>target</th><th>effect</th><th>in place at</th><th>reverted at</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function legend(outcomes: (keyof typeof OUTCOME_COLORS)[]): string {
  const swatch = (color: string, label: string, line = false): string =>
    `<span><i class="swatch${line ? ' line' : ''}" style="background:${color}"></i>${esc(label)}</span>`;
  return `<div class="legend">${[
    ...outcomes.map((outcome) => swatch(OUTCOME_COLORS[outcome], OUTCOME_LABELS[outcome])),
    ...(['p50', 'p95', 'p99'] as const).map((key) => swatch(LATENCY_COLORS[key], key, true)),
    ...Object.entries(HEALTH_COLORS).map(([state, color]) => swatch(color, `health ${state}`)),
    '<span><i class="swatch fault"></i>fault window</span>',
  ].join('')}</div>`;
}

function scenarioSection(scenario: GatedScenarioResult, index: number): string {
  const parts = [
    `<h2>${esc(scenario.name)} ${badge(outcomeOf(scenario))}</h2>`,
    `<p class="description">${esc(scenario.description)}</p>`,
  ];
  if (scenario.reason !== undefined) parts.push(`<p class="reason">${esc(scenario.reason)}</p>`);
  for (const attempt of scenario.gate?.retried ?? []) {
    parts.push(
      `<p class="reason">Attempt ${attempt.attempt} failed (${esc(attempt.failedChecks.map((check) => `${check.name}: ${check.summary}`).join('; ') || attempt.status)}); the result below is attempt ${scenario.gate?.attempts}.</p>`,
    );
  }
  if (scenario.timeline !== null) {
    const data = chartData(scenario.timeline);
    parts.push(
      legend(data.outcomes),
      `<div class="chart">${renderTimelineChart(data, { id: `chart-${index}` })}</div>`,
    );
  }
  parts.push(checksTable(scenario), faultTable(scenario));
  return `<section class="card scenario" id="${anchor(scenario.name)}" data-outcome="${outcomeOf(scenario)}">${parts.join('')}</section>`;
}

/** A failed preflight: what happened and the app's own last lines. */
function preflightCard(result: GatedRunResult): string {
  if (result.preflight === undefined || result.preflight.passed) return '';
  const [what, ...details] = preflightLines(result.preflight);
  return `<section class="card" id="preflight"><h2>Preflight</h2><p>${esc(what ?? '')}</p><pre>${esc(details.map((line) => line.replace(/^ {2}/, '')).join('\n'))}</pre></section>`;
}

export function renderHtml(result: GatedRunResult, meta: RunMeta): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Faultline ${esc(result.runId)}</title>
<style>${STYLES}</style>
</head>
<body>
<main>
<h1>Faultline resilience report</h1>
<p class="sub">run ${esc(result.runId)} · seed ${result.seed} · ${result.scenarios.length} scenario(s)</p>
<div class="verdict ${verdictClass(result)}" id="verdict">${esc(verdictLine(result))}</div>
${metaCard(result, meta)}
${preflightCard(result)}
${summaryTable(result)}
${result.scenarios.map(scenarioSection).join('\n')}
<footer>Generated by Faultline ${esc(meta.faultlineVersion)}. Times are relative to each scenario's start. Hover a bar, point or lane for its numbers.</footer>
</main>
</body>
</html>
`;
}

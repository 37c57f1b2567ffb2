// A status-over-time chart of one scenario as Mermaid `xychart-beta` text, for the Markdown summary
// (GitHub renders it in step summaries and PR comments). xychart has neither stacked bars nor a
// legend: bars of one category overlap, so drawing the running totals tallest first gives a stack,
// and the Markdown prints the legend under the chart.
import type { Timeline } from '../timeline/types.ts';
import { chartData, OUTCOME_LABELS, type Outcome } from './html/chart-data.ts';

/** Colours with an emoji square that looks the same, so the text legend can show them. */
const PALETTE: Record<Outcome, { color: string; emoji: string }> = {
  '2xx': { color: '#3a9d5d', emoji: '🟩' },
  '404': { color: '#4c7fe0', emoji: '🟦' },
  '4xx': { color: '#9b7ede', emoji: '🟪' },
  '503': { color: '#ec9a29', emoji: '🟧' },
  '5xx': { color: '#d63a3a', emoji: '🟥' },
  conn: { color: '#8d6e63', emoji: '🟫' },
  timeout: { color: '#2b2f36', emoji: '⬛' },
};

const secondsLabel = (ms: number): string => (ms % 1_000 === 0 ? String(ms / 1_000) : (ms / 1_000).toFixed(1));
const quote = (text: string): string => `"${text.replace(/"/g, "'")}"`;

export interface MermaidChart {
  /** The fenced ```mermaid block. */
  block: string;
  /** One line: which colour is which outcome. */
  legend: string;
}

export function statusOverTime(name: string, timeline: Timeline, options: { maxBuckets?: number } = {}): MermaidChart {
  const data = chartData(timeline, { maxBuckets: options.maxBuckets ?? 40 });
  const outcomes = data.outcomes.length > 0 ? data.outcomes : (['2xx'] as Outcome[]);
  const top = Math.max(1, ...data.buckets.map((bucket) => bucket.total));
  // Tallest first: the running total up to each outcome, from the top outcome down to the bottom one.
  const series = [...outcomes].reverse().map((outcome, index, reversed) => {
    const included = reversed.slice(index);
    return {
      outcome,
      values: data.buckets.map((bucket) => included.reduce((sum, each) => sum + bucket.counts[each], 0)),
    };
  });
  const palette = series.map(({ outcome }) => PALETTE[outcome].color).join(', ');
  const lines = [
    '```mermaid',
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
    'xychart-beta',
    `  title ${quote(`${name}: requests per ${secondsLabel(data.bucketMs)} s by outcome`)}`,
    `  x-axis ${quote('seconds since start')} [${data.buckets.map((bucket) => quote(secondsLabel(bucket.startMs))).join(', ')}]`,
    `  y-axis ${quote('requests')} 0 --> ${top}`,
    ...series.map(({ values }) => `  bar [${values.join(', ')}]`),
    '```',
  ];
  const legend = outcomes.map((outcome) => `${PALETTE[outcome].emoji} ${OUTCOME_LABELS[outcome]}`).join(' · ');
  return { block: lines.join('\n'), legend };
}

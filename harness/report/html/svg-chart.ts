// The timeline chart of one scenario as inline SVG, drawn here rather than by a charting library so
// the report opens offline and needs no script: requests per bucket stacked by outcome, latency
// p50/p95/p99 (log scale), one lane per health endpoint, the app's start/exit markers, and the fault
// windows shaded and labelled across all of them. Hovering any mark shows its numbers (<title>).
import { escapeXml } from '../escape.ts';
import { OUTCOME_LABELS, type ChartData, type ChartEvent, type HealthState, type Outcome } from './chart-data.ts';

export const OUTCOME_COLORS: Record<Outcome, string> = {
  '2xx': '#3a9d5d',
  '404': '#4c7fe0',
  '4xx': '#9b7ede',
  '503': '#ec9a29',
  '5xx': '#d63a3a',
  conn: '#7a828e',
  timeout: '#2b2f36',
};
export const LATENCY_COLORS = { p50: '#2f6fdf', p95: '#e08a00', p99: '#c62d2d' } as const;
export const HEALTH_COLORS: Record<HealthState, string> = {
  ok: '#3a9d5d',
  degraded: '#e8c547',
  unavailable: '#d63a3a',
  'no answer': '#b8bec7',
};
const EVENT_COLORS: Record<ChartEvent['tone'], string> = {
  start: '#3a9d5d',
  'exit-expected': '#7a828e',
  'exit-unexpected': '#d63a3a',
  restore: '#3a9d5d',
};

const WIDTH = 960;
const LEFT = 112;
const RIGHT = 16;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const LANE_HEIGHT = 12;

const seconds = (ms: number): string => `${(ms / 1_000).toFixed(ms % 1_000 === 0 ? 0 : 1)} s`;
const round = (value: number): string => (Math.round(value * 10) / 10).toString();

/** A round upper bound for a count axis (at least 1) and a whole tick step giving at most `maxTicks` ticks. */
export function niceScale(max: number, maxTicks = 5): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const magnitude = 10 ** (Math.floor(Math.log10(max)) - 1);
  const step =
    [1, 2, 2.5, 5, 10, 20, 25, 50, 100]
      .map((factor) => factor * magnitude)
      .find((candidate) => candidate >= 1 && max / candidate <= maxTicks) ?? magnitude * 100;
  return { top: Math.ceil(max / step) * step, step };
}

export function renderTimelineChart(data: ChartData, options: { id: string }): string {
  const x = (ms: number): number => LEFT + (Math.min(Math.max(ms, 0), data.durationMs) / data.durationMs) * PLOT_WIDTH;
  const parts: string[] = [];
  const FAULT_LABELS = 0;
  const REQUESTS_TOP = 40;
  const REQUESTS_HEIGHT = 170;
  const LATENCY_TOP = REQUESTS_TOP + REQUESTS_HEIGHT + 30;
  const LATENCY_HEIGHT = 120;
  const LANES_TOP = LATENCY_TOP + LATENCY_HEIGHT + 26;
  const lanes = [...data.health.map((lane) => `/${lane.endpoint}`), 'process'];
  // Below the process lane, two rows for its markers' labels (glyphs stay clear of text).
  const AXIS_TOP = LANES_TOP + lanes.length * (LANE_HEIGHT + 6) + 28;
  const HEIGHT = AXIS_TOP + 34;

  // Fault windows first, so everything else is drawn over the shading.
  data.faults.forEach((fault) => {
    const from = x(fault.startMs);
    const to = Math.max(x(fault.endMs), from + 2);
    const label = `${fault.kind} ${seconds(fault.startMs)}–${fault.open ? 'end' : seconds(fault.endMs)}`;
    parts.push(
      `<g class="fault" data-fault="${escapeXml(fault.name)}"><title>${escapeXml(`${fault.name}: ${fault.target} fault from ${round(fault.startMs)} ms to ${fault.open ? 'the end of the run' : `${round(fault.endMs)} ms`}`)}</title>` +
        `<rect x="${round(from)}" y="${FAULT_LABELS + 16}" width="${round(to - from)}" height="${AXIS_TOP - FAULT_LABELS - 16}" fill="#d63a3a" fill-opacity="0.09" stroke="#d63a3a" stroke-opacity="0.45" stroke-dasharray="4 3"/>` +
        `<text x="${round(from + 4)}" y="${FAULT_LABELS + 12}" class="fault-label">${escapeXml(label)}</text></g>`,
    );
  });

  // Requests per bucket, stacked by outcome.
  const requestScale = niceScale(Math.max(0, ...data.buckets.map((bucket) => bucket.total)));
  const yRequests = (count: number): number =>
    REQUESTS_TOP + REQUESTS_HEIGHT - (count / requestScale.top) * REQUESTS_HEIGHT;
  parts.push(
    `<text x="${LEFT}" y="${REQUESTS_TOP - 6}" class="panel-title">requests per ${seconds(data.bucketMs)}, by outcome</text>`,
  );
  for (let tick = 0; tick <= requestScale.top; tick += requestScale.step) {
    parts.push(
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${round(yRequests(tick))}" y2="${round(yRequests(tick))}" class="grid"/><text x="${LEFT - 6}" y="${round(yRequests(tick) + 4)}" class="tick" text-anchor="end">${tick}</text>`,
    );
  }
  const barWidth = Math.max(1, (PLOT_WIDTH / data.buckets.length) * 0.86);
  const bars: string[] = [];
  for (const bucket of data.buckets) {
    if (bucket.total === 0) continue;
    let below = 0;
    const title = `${seconds(bucket.startMs)}–${seconds(bucket.endMs)}: ${data.outcomes
      .filter((outcome) => bucket.counts[outcome] > 0)
      .map((outcome) => `${OUTCOME_LABELS[outcome]} ${bucket.counts[outcome]}`)
      .join(', ')}`;
    const segments = data.outcomes
      .filter((outcome) => bucket.counts[outcome] > 0)
      .map((outcome) => {
        const top = yRequests(below + bucket.counts[outcome]);
        const height = yRequests(below) - top;
        below += bucket.counts[outcome];
        return `<rect x="${round(x(bucket.startMs) + 0.5)}" y="${round(top)}" width="${round(barWidth)}" height="${round(height)}" fill="${OUTCOME_COLORS[outcome]}" data-outcome="${outcome}"/>`;
      });
    bars.push(`<g class="bar"><title>${escapeXml(title)}</title>${segments.join('')}</g>`);
  }
  parts.push(`<g data-chart="requests">${bars.join('')}</g>`);

  // Latency percentiles on a log scale: a timed-out request next to 5 ms reads are both visible.
  const maxLatency = Math.max(10, ...data.buckets.flatMap((bucket) => [bucket.p99 ?? 0]));
  const decades = Math.max(2, Math.ceil(Math.log10(maxLatency)));
  const yLatency = (ms: number): number =>
    LATENCY_TOP + LATENCY_HEIGHT - (Math.log10(Math.max(ms, 1)) / decades) * LATENCY_HEIGHT;
  parts.push(`<text x="${LEFT}" y="${LATENCY_TOP - 6}" class="panel-title">latency, ms (log scale)</text>`);
  for (let decade = 0; decade <= decades; decade += 1) {
    const y = round(yLatency(10 ** decade));
    parts.push(
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y}" y2="${y}" class="grid"/><text x="${LEFT - 6}" y="${round(yLatency(10 ** decade) + 4)}" class="tick" text-anchor="end">${(10 ** decade).toLocaleString('en-US')}</text>`,
    );
  }
  const series: string[] = [];
  for (const key of ['p50', 'p95', 'p99'] as const) {
    let path = '';
    let previous = false;
    const dots: string[] = [];
    for (const bucket of data.buckets) {
      const value = bucket[key];
      if (value === null) {
        previous = false;
        continue;
      }
      const px = round(x((bucket.startMs + bucket.endMs) / 2));
      const py = round(yLatency(value));
      path += `${previous ? 'L' : 'M'}${px} ${py}`;
      previous = true;
      dots.push(
        `<circle cx="${px}" cy="${py}" r="1.8" fill="${LATENCY_COLORS[key]}"><title>${escapeXml(`${key} ${Math.round(value)} ms at ${seconds(bucket.startMs)}–${seconds(bucket.endMs)}`)}</title></circle>`,
      );
    }
    series.push(
      `<g data-series="${key}"><path d="${path}" fill="none" stroke="${LATENCY_COLORS[key]}" stroke-width="1.6" stroke-linejoin="round"/>${dots.join('')}</g>`,
    );
  }
  parts.push(`<g data-chart="latency">${series.join('')}</g>`);
  if (data.buckets.every((bucket) => bucket.p50 === null)) {
    parts.push(
      `<text x="${LEFT + PLOT_WIDTH / 2}" y="${LATENCY_TOP + LATENCY_HEIGHT / 2}" class="tick" text-anchor="middle">no request was answered: nothing to time</text>`,
    );
  }

  // Lanes: health answers per endpoint, then the app process.
  const laneY = (index: number): number => LANES_TOP + index * (LANE_HEIGHT + 6);
  parts.push(`<text x="${LEFT}" y="${LANES_TOP - 8}" class="panel-title">health probes and the app process</text>`);
  data.health.forEach((lane, index) => {
    const y = laneY(index);
    const segments = lane.segments.map(
      (segment) =>
        `<rect x="${round(x(segment.startMs))}" y="${y}" width="${round(Math.max(0.8, x(segment.endMs) - x(segment.startMs)))}" height="${LANE_HEIGHT}" fill="${HEALTH_COLORS[segment.state]}" data-state="${segment.state}"><title>${escapeXml(`/${lane.endpoint}: ${segment.state} from ${seconds(segment.startMs)} to ${seconds(segment.endMs)} (${segment.probes} probes)`)}</title></rect>`,
    );
    parts.push(
      `<text x="${LEFT - 6}" y="${y + LANE_HEIGHT - 2}" class="lane-label" text-anchor="end">/${escapeXml(lane.endpoint)}</text><g data-lane="health:${escapeXml(lane.endpoint)}">${segments.join('')}</g>`,
    );
  });
  const processY = laneY(data.health.length);
  parts.push(
    `<text x="${LEFT - 6}" y="${processY + LANE_HEIGHT - 2}" class="lane-label" text-anchor="end">process</text><line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${processY + LANE_HEIGHT / 2}" y2="${processY + LANE_HEIGHT / 2}" class="grid"/>`,
  );
  // Labels go in the first row that has room; one that fits nowhere is left to the tooltip.
  const rowEnds = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  const rowY = [processY + LANE_HEIGHT + 11, processY + LANE_HEIGHT + 23];
  const markers = data.events.map((event) => {
    const ex = round(x(event.atMs));
    const labelX = Number(ex) + 2;
    const row = rowEnds.findIndex((end) => labelX > end + 6);
    if (row >= 0) rowEnds[row] = labelX + event.label.length * 6.3;
    const color = EVENT_COLORS[event.tone];
    const glyph =
      event.tone === 'start'
        ? `<path d="M${ex} ${processY} l5 ${LANE_HEIGHT / 2} l-5 ${LANE_HEIGHT / 2} z" fill="${color}"/>`
        : event.tone === 'restore'
          ? `<circle cx="${ex}" cy="${processY + LANE_HEIGHT / 2}" r="3.5" fill="none" stroke="${color}" stroke-width="1.6"/>`
          : `<path d="M${Number(ex) - 4} ${processY + 2} l8 8 m0 -8 l-8 8" stroke="${color}" stroke-width="2"/>`;
    return (
      `<g class="event" data-event="${event.tone}"><title>${escapeXml(`${event.label} at ${round(event.atMs)} ms`)}</title>` +
      `<line x1="${ex}" x2="${ex}" y1="${REQUESTS_TOP}" y2="${row < 0 ? processY + LANE_HEIGHT : rowY[row]! - 9}" stroke="${color}" stroke-opacity="0.55" stroke-dasharray="2 3"/>${glyph}` +
      (row < 0
        ? ''
        : `<text x="${labelX}" y="${rowY[row]}" class="event-label" fill="${color}">${escapeXml(event.label)}</text>`) +
      '</g>'
    );
  });
  parts.push(`<g data-chart="events">${markers.join('')}</g>`);

  // The time axis.
  const tick = niceScale(data.durationMs / 1_000, 10).step * 1_000;
  parts.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${AXIS_TOP}" y2="${AXIS_TOP}" class="axis"/>`);
  for (let ms = 0; ms <= data.durationMs + 1; ms += tick) {
    parts.push(
      `<line x1="${round(x(ms))}" x2="${round(x(ms))}" y1="${AXIS_TOP}" y2="${AXIS_TOP + 4}" class="axis"/><text x="${round(x(ms))}" y="${AXIS_TOP + 16}" class="tick" text-anchor="middle">${seconds(ms)}</text>`,
    );
  }
  parts.push(
    `<text x="${WIDTH - RIGHT}" y="${AXIS_TOP + 30}" class="tick" text-anchor="end">time since the scenario started</text>`,
  );

  return `<svg id="${escapeXml(options.id)}" class="timeline" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="timeline chart" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}

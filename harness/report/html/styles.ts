// The report's stylesheet, inlined into the page (the file must open offline, from an artifact).
export const STYLES = `
:root { --ink: #1d2228; --muted: #5f6873; --line: #dde1e6; --bg: #f6f7f9; --ok: #2f8f50; --warn: #b7791f; --bad: #c53030; --err: #6b46c1; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); }
pre { white-space: pre-wrap; word-break: break-word; font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: var(--bg); padding: 8px; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 60px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0; display: flex; gap: 10px; align-items: center; }
h3 { font-size: 14px; margin: 18px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.sub { color: var(--muted); margin: 0 0 16px; }
.verdict { padding: 12px 16px; border-radius: 6px; font-weight: 600; font-size: 15px; color: #fff; margin: 12px 0 18px; }
.verdict.ok { background: var(--ok); } .verdict.warn { background: var(--warn); } .verdict.bad { background: var(--bad); } .verdict.err { background: var(--err); }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; margin: 0 0 18px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; word-break: break-all; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
table.checks { table-layout: fixed; }
table.checks th:nth-child(1) { width: 60px; } table.checks th:nth-child(2) { width: 21%; } table.checks th:nth-child(3) { width: 15%; } table.checks th:nth-child(5) { width: 36%; }
table.checks td { overflow-wrap: anywhere; } table.checks td.num { white-space: normal; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 11.5px; font-weight: 700; color: #fff; letter-spacing: .03em; }
.badge.passed { background: var(--ok); } .badge.failed { background: var(--bad); } .badge.warned, .badge.flaky, .badge.advisory { background: var(--warn); }
.badge.skipped { background: #8a939e; } .badge.error { background: var(--err); }
.role { font-size: 12px; color: var(--muted); }
.description { color: var(--muted); margin: 6px 0 10px; }
.reason { color: var(--bad); }
details summary { cursor: pointer; color: #2f5fb3; }
details ul { margin: 6px 0 0; padding-left: 18px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
.counts { font-size: 12px; color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 12px; color: var(--muted); margin: 10px 0 4px; }
.legend span { display: inline-flex; align-items: center; gap: 5px; }
.swatch { width: 11px; height: 11px; border-radius: 2px; display: inline-block; }
.swatch.line { height: 3px; border-radius: 0; }
.swatch.fault { background: rgba(214,58,58,.12); border: 1px dashed rgba(214,58,58,.7); }
.chart { overflow-x: auto; }
svg.timeline { display: block; max-width: 100%; height: auto; font-family: system-ui, "DejaVu Sans", sans-serif; }
svg .grid { stroke: #e6e9ed; stroke-width: 1; }
svg .axis { stroke: #9aa3ad; stroke-width: 1; }
svg .tick { font-size: 11px; fill: #6b7480; }
svg .panel-title { font-size: 12px; fill: #3b434c; font-weight: 600; }
svg .lane-label { font-size: 11px; fill: #4a525c; }
svg .fault-label { font-size: 11.5px; fill: #b02a2a; font-weight: 600; }
svg .event-label { font-size: 11px; }
svg g.bar:hover rect { opacity: .8; }
footer { color: var(--muted); font-size: 12px; margin-top: 30px; }
`;

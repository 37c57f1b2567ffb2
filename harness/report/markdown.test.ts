import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gateRun } from './gating/gate.ts';
import { DEFAULT_POLICY } from './gating/policies.ts';
import { markdownReporter, renderMarkdown } from './markdown.ts';
import { statusOverTime } from './mermaid.ts';
import { FIXTURE_META, failingScenario, fixtureRun } from './testdata/fixtures.ts';

describe('the Markdown summary', () => {
  const markdown = renderMarkdown(gateRun(fixtureRun(), DEFAULT_POLICY), FIXTURE_META);

  it('leads with the verdict and a table of scenarios', () => {
    const lines = markdown.split('\n');
    expect(lines[2]).toBe(
      '**DO NOT RELEASE** — 3 blocking check(s) failed: startup-db-late/status-allowlist, startup-db-late/no-5xx-except-503, startup-db-late/db-failures-are-503; 1 passed, 1 failed (seed 5)',
    );
    expect(lines).toContain('| p2025-sweep | ✅ passed | 5/5 |  | 11.6 s |');
    expect(lines).toContain(
      '| startup-db-late | ❌ failed | 5/8 | status-allowlist (offending 101), no-5xx-except-503 (other5xx 101), db-failures-are-503 (offending 101) | 15.3 s |',
    );
  });

  it('details only the failing scenario, with its chart, fault windows and evidence', () => {
    expect(markdown).not.toContain('### ✅ p2025-sweep');
    expect(markdown).toContain('### ❌ startup-db-late');
    expect(markdown.match(/```mermaid/g)).toHaveLength(1);
    expect(markdown).toContain(
      '| ❌ | `no-5xx-except-503` | blocking | other5xx 101 | 101 answers were 5xx other than 503 (101 × 500). |',
    );
    expect(markdown).toContain('Fault windows: `dbDown` 0.0–4.0 s (database, unavailable); `dbUp` at 4.0 s.');
    expect(markdown).toContain('- `GET /api/v1/events → 500 INTERNAL at 864ms`');
    expect(markdown).toContain('<sub>Reproduce: `faultline run p2025-sweep startup-db-late --seed 5`</sub>');
  });

  it('draws status over time as stacked xychart bars, tallest (the running total) first', () => {
    const chart = statusOverTime('startup-db-late', failingScenario().timeline!);
    const lines = chart.block.split('\n');
    expect(lines[0]).toBe('```mermaid');
    expect(lines[1]).toBe(
      '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#8d6e63, #d63a3a, #3a9d5d"}}}}%%',
    );
    expect(lines[2]).toBe('xychart-beta');
    expect(lines[3]).toBe('  title "startup-db-late: requests per 0.5 s by outcome"');
    expect(lines[4]).toMatch(/^ {2}x-axis "seconds since start" \["0", "0.5", "1", "1.5", .*"13.5", "14"\]$/);
    const bars = lines.filter((line) => line.startsWith('  bar ')).map((line) => JSON.parse(line.slice(6)) as number[]);
    expect(bars).toHaveLength(3);
    expect(bars[0]?.length).toBe(29);
    // Each series is the one below it plus its own outcome, so every bar is at least as tall as the next.
    bars[0]!.forEach((total, index) => expect(total).toBeGreaterThanOrEqual(bars[1]![index]!));
    bars[1]!.forEach((total, index) => expect(total).toBeGreaterThanOrEqual(bars[2]![index]!));
    expect(bars[0]!.reduce((sum, value) => sum + value, 0)).toBe(279);
    expect(bars[2]!.reduce((sum, value) => sum + value, 0)).toBe(162); // the 2xx
    expect(lines[5]).toBe(`  y-axis "requests" 0 --> ${Math.max(...bars[0]!)}`);
    expect(chart.legend).toBe('🟩 2xx · 🟥 other 5xx · 🟫 connection error');
  });

  it('writes summary.md and appends to the step summary file when given one', async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'faultline-md-'));
    try {
      const stepSummaryPath = path.join(directory, 'step-summary.md');
      await fs.writeFile(stepSummaryPath, '# earlier step\n');
      const written = await markdownReporter.onRunEnd?.(
        { directory, meta: FIXTURE_META, stepSummaryPath },
        gateRun(fixtureRun(), DEFAULT_POLICY),
      );
      expect(written).toEqual([path.join(directory, 'summary.md'), stepSummaryPath]);
      const appended = await fs.readFile(stepSummaryPath, 'utf8');
      expect(appended.startsWith('# earlier step\n## Faultline resilience report\n')).toBe(true);
      expect(await fs.readFile(path.join(directory, 'summary.md'), 'utf8')).toBe(markdown);
    } finally {
      await fs.rm(directory, { recursive: true, force: true });
    }
  });
});

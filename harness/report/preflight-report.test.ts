// A run whose app never became healthy in preflight: every report says NOT PROVEN and shows what
// the app printed, how it exited and the command that started it — not a wall of failed checks.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { PreflightResult } from '../runner/types.ts';
import { consoleReporter } from './console.ts';
import { DEFAULT_POLICY } from './gating/policies.ts';
import { gateRun } from './gating/gate.ts';
import type { GatedRunResult } from './gating/types.ts';
import { renderHtml } from './html/index.ts';
import { toJsonReport } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { preflightLines } from './preflight-text.ts';
import { FIXTURE_META, fixtureRun } from './testdata/fixtures.ts';
import { runPassed, verdictLine } from './verdict.ts';

const XSD = readFileSync(new URL('./testdata/junit.xsd', import.meta.url), 'utf8');
const APP_LINE = "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/repo/target-app/src/generated/prisma/client.ts'";

const failedPreflight = (): PreflightResult => ({
  passed: false,
  durationMs: 4_200,
  budgetMs: 48_750,
  reason: 'the app exited with code 1 before it became healthy, with every dependency healthy and no fault',
  command: '/usr/bin/node --import tsx target-app/src/index.ts (in /repo)',
  appEnv: { TARGET_APP_DEFECTS: 'redis-critical' },
  exit: { code: 1, signal: null },
  output: [
    { stream: 'stderr', line: 'node:internal/modules/esm/resolve:1 <throw>' },
    { stream: 'stderr', line: APP_LINE },
  ],
});

function notProvenRun(): GatedRunResult {
  const run = gateRun({ ...fixtureRun(), scenarios: [] }, DEFAULT_POLICY);
  return { ...run, preflight: failedPreflight() };
}

afterEach(() => vi.restoreAllMocks());

describe('a failed preflight in every report', () => {
  it('the verdict is NOT PROVEN with the reason, and the run does not pass', () => {
    const run = notProvenRun();
    expect(verdictLine(run)).toBe(
      `NOT PROVEN — the app never became healthy in preflight (${failedPreflight().reason}); no scenario ran (seed ${run.seed})`,
    );
    expect(runPassed(run)).toBe(false);
  });

  it('the text names the command, the run environment, the exit and the last lines', () => {
    const lines = preflightLines(failedPreflight());
    expect(lines[0]).toMatch(/^preflight FAILED: the app exited with code 1 .* \(preflight took 4\.2 s\)$/);
    expect(lines).toContain('  command: /usr/bin/node --import tsx target-app/src/index.ts (in /repo)');
    expect(lines).toContain("  run's app environment: TARGET_APP_DEFECTS=redis-critical");
    expect(lines).toContain('  exit: code 1, signal none');
    expect(lines).toContain(`    stderr | ${APP_LINE}`);
    expect(preflightLines({ ...failedPreflight(), passed: true, healthyAfterMs: 2_100, output: [] })).toEqual([
      'preflight: the app became healthy after 2.1 s (preflight took 4.2 s)',
    ]);
  });

  it('json carries the preflight and the verdict', () => {
    const report = toJsonReport(notProvenRun(), FIXTURE_META);
    expect(report.passed).toBe(false);
    expect(report.verdict).toMatch(/^NOT PROVEN — the app never became healthy in preflight/);
    expect(report.preflight?.output[1]?.line).toBe(APP_LINE);
    expect(report.preflight?.command).toContain('target-app/src/index.ts');
  });

  it('junit has a preflight suite whose error carries the app output, and still validates', async () => {
    const xml = renderJunit(notProvenRun(), { hostname: 'ci' });
    expect(xml).toContain('<testsuite name="preflight" tests="1" failures="0" errors="1"');
    expect(xml).toContain('type="preflight"');
    expect(xml).toContain('ERR_MODULE_NOT_FOUND');
    expect(xml).toContain('&lt;throw&gt;');
    const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [XSD] });
    expect(result.errors.map((error) => error.rawMessage)).toEqual([]);
  });

  it('markdown and html show a Preflight section with the app output', () => {
    const markdown = renderMarkdown(notProvenRun(), FIXTURE_META);
    expect(markdown).toContain('**NOT PROVEN**');
    expect(markdown).toContain('### Preflight');
    expect(markdown).toContain(`stderr | ${APP_LINE}`);
    const html = renderHtml(notProvenRun(), FIXTURE_META);
    expect(html).toContain('<section class="card" id="preflight"><h2>Preflight</h2>');
    expect(html).toContain('ERR_MODULE_NOT_FOUND');
    expect(html).toContain('&lt;throw&gt;');
    expect(html).not.toContain('<throw>');
  });

  it('the console prints the app output before the verdict', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((text: string) => void printed.push(text));
    const context = { directory: '/tmp', meta: FIXTURE_META };
    await consoleReporter.onRunEnd?.(context, notProvenRun());
    const text = printed.join('\n');
    expect(text).toContain(`stderr | ${APP_LINE}`);
    expect(text.indexOf(APP_LINE)).toBeLessThan(text.indexOf('NOT PROVEN'));
  });
});

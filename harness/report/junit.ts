// JUnit XML for CI test publishers (Jenkins, GitLab, GitHub Actions): one <testsuite> per scenario,
// one <testcase> per check (gating thresholds included), a <failure> carrying the evidence for each
// failed blocking check. The file follows Ant's JUnit schema (every attribute the strictest parsers
// require) plus the `skipped` element and Surefire's `flakyFailure`; junit.test.ts validates it.
//
// Mapping the gate onto JUnit's vocabulary, so a publisher never disagrees with the exit code:
//   failed blocking check       <failure type="blocking">
//   failed advisory check       a passing test case named "… [advisory]" whose <system-out> says what failed
//   failed, then passed (retry) a passing test case with one <flakyFailure> per failed attempt
//   environment error           one test case with <error type="environment">
//   failed preflight            a suite "preflight" whose one case has <error type="preflight"> with the app's output
//   skipped scenario            one test case with <skipped>
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CheckResult } from '../checks/types.ts';
import { escapeXml } from './escape.ts';
import { checkText } from './evidence-text.ts';
import type { GatedRunResult, GatedScenarioResult } from './gating/types.ts';
import { preflightLines } from './preflight-text.ts';
import type { PreflightResult } from '../runner/types.ts';
import type { Reporter } from './types.ts';
import { verdictLine } from './verdict.ts';

export const JUNIT_FILE = 'junit.xml';

const seconds = (ms: number): string => (ms / 1_000).toFixed(3);
/** Ant's schema wants the timestamp without a zone or fraction: 2026-11-28T13:32:53. */
const timestamp = (iso: string): string => iso.slice(0, 19);
const attrs = (values: Record<string, string | number>): string =>
  Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function testcase(scenario: GatedScenarioResult, check: CheckResult, indent: string): string {
  const role = scenario.gate?.roles[check.name] ?? 'blocking';
  const advisoryFailure = !check.passed && role === 'advisory';
  const name = advisoryFailure ? `${check.name} [advisory]` : check.name;
  const open = `${indent}<testcase${attrs({ name, classname: `faultline.${scenario.name}`, time: '0' })}>`;
  const inner: string[] = [];
  if (!check.passed && role === 'blocking') {
    inner.push(
      `${indent}  <failure${attrs({ message: check.summary, type: 'blocking' })}>${escapeXml(checkText(check).join('\n'))}</failure>`,
    );
  }
  for (const attempt of scenario.gate?.retried ?? []) {
    const earlier = attempt.failedChecks.find((failed) => failed.name === check.name);
    if (earlier === undefined || !check.passed) continue;
    inner.push(
      `${indent}  <flakyFailure${attrs({ message: `attempt ${attempt.attempt}: ${earlier.summary}`, type: 'flaky' })}>${escapeXml(checkText(earlier).join('\n'))}</flakyFailure>`,
    );
  }
  if (advisoryFailure)
    inner.push(
      `${indent}  <system-out>${escapeXml(['ADVISORY FAILURE (does not block the release)', ...checkText(check)].join('\n'))}</system-out>`,
    );
  return inner.length === 0 ? `${open.slice(0, -1)}/>` : `${open}\n${inner.join('\n')}\n${indent}</testcase>`;
}

function properties(scenario: GatedScenarioResult, indent: string): string {
  const values: Record<string, string | number> = {
    description: scenario.description,
    seed: scenario.seed,
    environment: scenario.environment.kind,
    'load.engine': scenario.loadEngine ?? 'none',
    'gate.outcome': scenario.gate?.outcome ?? scenario.status,
    'gate.attempts': scenario.gate?.attempts ?? 1,
  };
  if (scenario.file !== undefined) values.file = scenario.file;
  const lines = Object.entries(values).map(([name, value]) => `${indent}  <property${attrs({ name, value })}/>`);
  return `${indent}<properties>\n${lines.join('\n')}\n${indent}</properties>`;
}

/** What happened to the environment, for the suite's <system-out>: fault windows and process events. */
function faultLog(scenario: GatedScenarioResult): string {
  const timeline = scenario.timeline;
  if (timeline === null) return scenario.reason ?? '';
  const faults = timeline.faults.map(
    (fault) =>
      `fault ${fault.name} (${fault.target}, ${fault.effect}) ${Math.round(fault.effectiveAtMs)} ms → ${fault.endedAtMs === null ? 'end of run' : `${Math.round(fault.endedAtMs)} ms`}`,
  );
  const process = timeline.process.map((event) =>
    event.type === 'start'
      ? `app start at ${Math.round(event.atMs)} ms`
      : `app exit at ${Math.round(event.atMs)} ms (code ${event.code ?? 'none'}, signal ${event.signal ?? 'none'}${event.expected ? ', requested' : ''})`,
  );
  return [scenario.description, ...faults, ...process].join('\n');
}

function testsuite(scenario: GatedScenarioResult, id: number, hostname: string): { xml: string; counts: Counts } {
  const indent = '    ';
  const cases: string[] = [];
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const classname = `faultline.${scenario.name}`;
  if (scenario.status === 'error' || scenario.status === 'not-proven') {
    const type = scenario.status === 'error' ? 'environment' : 'not-proven';
    counts.tests = counts.errors = 1;
    cases.push(
      `${indent}<testcase${attrs({ name: type, classname, time: seconds(scenario.durationMs) })}>\n${indent}  <error${attrs({ message: scenario.reason ?? (type === 'environment' ? 'the environment failed' : 'not proven'), type })}>${escapeXml(scenario.reason ?? '')}</error>\n${indent}</testcase>`,
    );
  } else if (scenario.status === 'skipped') {
    counts.tests = counts.skipped = 1;
    cases.push(
      `${indent}<testcase${attrs({ name: scenario.name, classname, time: '0' })}>\n${indent}  <skipped${attrs({ message: scenario.reason ?? 'skipped' })}/>\n${indent}</testcase>`,
    );
  } else {
    for (const check of scenario.checks) {
      counts.tests += 1;
      if (!check.passed && (scenario.gate?.roles[check.name] ?? 'blocking') === 'blocking') counts.failures += 1;
      cases.push(testcase(scenario, check, indent));
    }
  }
  const head = attrs({
    name: scenario.name,
    tests: counts.tests,
    failures: counts.failures,
    errors: counts.errors,
    skipped: counts.skipped,
    time: seconds(scenario.durationMs),
    timestamp: timestamp(scenario.startedAt),
    hostname,
    id,
    package: 'faultline',
  });
  const xml = [
    `  <testsuite${head}>`,
    properties(scenario, '    '),
    ...cases,
    `    <system-out>${escapeXml(faultLog(scenario))}</system-out>`,
    '    <system-err/>',
    '  </testsuite>',
  ].join('\n');
  return { xml, counts };
}

/** A failed preflight: one suite with one errored case carrying what the app printed. */
function preflightSuite(preflight: PreflightResult, id: number, hostname: string, startedAt: string): string {
  const text = preflightLines(preflight);
  const head = attrs({
    name: 'preflight',
    tests: 1,
    failures: 0,
    errors: 1,
    skipped: 0,
    time: seconds(preflight.durationMs),
    timestamp: timestamp(startedAt),
    hostname,
    id,
    package: 'faultline',
  });
  const props = {
    command: preflight.command ?? 'not started by the harness',
    'exit.code': preflight.exit?.code ?? 'none',
  };
  return [
    `  <testsuite${head}>`,
    '    <properties>',
    ...Object.entries(props).map(([name, value]) => `      <property${attrs({ name, value })}/>`),
    '    </properties>',
    `    <testcase${attrs({ name: 'the app becomes healthy', classname: 'faultline.preflight', time: seconds(preflight.durationMs) })}>`,
    `      <error${attrs({ message: preflight.reason ?? 'the app did not become healthy', type: 'preflight' })}>${escapeXml(text.join('\n'))}</error>`,
    '    </testcase>',
    `    <system-out>${escapeXml(text.join('\n'))}</system-out>`,
    '    <system-err/>',
    '  </testsuite>',
  ].join('\n');
}

export function renderJunit(result: GatedRunResult, options: { hostname?: string } = {}): string {
  const hostname = options.hostname ?? os.hostname();
  const suites = result.scenarios.map((scenario, index) => testsuite(scenario, index, hostname));
  if (result.preflight !== undefined && !result.preflight.passed) {
    suites.unshift({
      xml: preflightSuite(result.preflight, suites.length, hostname, result.startedAt),
      counts: { tests: 1, failures: 0, errors: 1, skipped: 0 },
    });
  }
  const total = suites.reduce(
    (sum, { counts }) => ({
      tests: sum.tests + counts.tests,
      failures: sum.failures + counts.failures,
      errors: sum.errors + counts.errors,
      skipped: sum.skipped + counts.skipped,
    }),
    { tests: 0, failures: 0, errors: 0, skipped: 0 },
  );
  const head = attrs({
    name: `faultline ${result.runId}: ${verdictLine(result)}`,
    ...total,
    time: seconds(result.durationMs),
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${head}>\n${suites.map(({ xml }) => xml).join('\n')}\n</testsuites>\n`;
}

export const junitReporter: Reporter = {
  name: 'junit',
  async onRunEnd(context, result) {
    const file = path.join(context.directory, JUNIT_FILE);
    await fs.writeFile(file, renderJunit(result));
    return [file];
  },
};

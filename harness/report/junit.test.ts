import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { failedAttempt, gateRun, gateScenario } from './gating/gate.ts';
import { DEFAULT_POLICY } from './gating/policies.ts';
import { defineGatingPolicy } from './gating/schema.ts';
import type { GatedRunResult } from './gating/types.ts';
import { renderJunit } from './junit.ts';
import { failingScenario, fixtureRun, passingScenario } from './testdata/fixtures.ts';

const XSD = readFileSync(new URL('./testdata/junit.xsd', import.meta.url), 'utf8');

async function validate(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [XSD] });
  return { valid: result.valid, errors: result.errors.map((error) => error.rawMessage) };
}

/** Every shape the reporter knows: blocking and advisory failures, a flaky pass, an error, a skip. */
function everyShape(): GatedRunResult {
  const policy = defineGatingPolicy({
    name: 'mixed',
    advisory: ['db-failures-are-503'],
    thresholds: { 'http_req_failed{phase:fault}': [{ threshold: 'rate<0.5', advisory: true }] },
    retries: 1,
  });
  const run = gateRun(fixtureRun(), policy);
  const hostile = failingScenario();
  hostile.name = 'hostile';
  hostile.checks[0] = {
    ...hostile.checks[0]!,
    passed: false,
    summary: 'crash <script>alert("x")</script> & \u001b[31mred\u001b[0m \u0007bell',
  };
  const earlier = gateScenario(failingScenario(), DEFAULT_POLICY, { graceMs: 5_000 });
  run.scenarios.push(
    gateScenario(passingScenario(), policy, { graceMs: 5_000, retried: [failedAttempt(earlier, 1)] }),
    gateScenario(hostile, policy, { graceMs: 5_000 }),
    gateScenario(
      {
        ...passingScenario(),
        name: 'in-docker',
        status: 'error',
        reason: 'no Docker engine',
        checks: [],
        timeline: null,
      },
      policy,
      { graceMs: 5_000 },
    ),
    gateScenario(
      {
        ...passingScenario(),
        name: 'needs-redis',
        status: 'skipped',
        reason: 'redis-server is not installed',
        checks: [],
        timeline: null,
      },
      policy,
      { graceMs: 5_000 },
    ),
  );
  run.scenarios[2]!.name = 'flaky-sweep';
  return run;
}

describe('the JUnit reporter', () => {
  it('writes XML that validates against the JUnit schema, for every shape of result', async () => {
    const xml = renderJunit(everyShape(), { hostname: 'ci-runner' });
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
  });

  it('is checked by a validator that can say no', async () => {
    const xml = renderJunit(gateRun(fixtureRun(), DEFAULT_POLICY), { hostname: 'ci-runner' });
    const broken = xml.replace(/ hostname="ci-runner"/g, '').replace('<testcase name="no-crash"', '<testcase');
    const result = await validate(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/hostname/);
  });

  it('has one testsuite per scenario and one testcase per check, failures carrying the evidence', () => {
    const xml = renderJunit(gateRun(fixtureRun(), DEFAULT_POLICY), { hostname: 'ci-runner' });
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml.match(/<testcase /g)).toHaveLength(5 + 8);
    expect(xml).toContain('<testsuite name="startup-db-late" tests="8" failures="3" errors="0" skipped="0"');
    expect(xml).toContain('<testsuites name="faultline 20261128-133253-00000005: DO NOT RELEASE');
    const failure =
      /<testcase name="no-5xx-except-503"[^>]*>\s*<failure message="([^"]*)" type="blocking">([^<]*)<\/failure>/.exec(
        xml,
      );
    expect(failure?.[1]).toBe('101 answers were 5xx other than 503 (101 × 500).');
    expect(failure?.[2]).toContain('first offending:\n  - GET /api/v1/events → 500 INTERNAL at 864ms');
    expect(xml).toContain('fault dbDown#1 (database, unavailable) 10 ms → 4004 ms');
  });

  it('does not fail a publisher on what the gate lets through: advisory failures and flaky passes', () => {
    const xml = renderJunit(everyShape(), { hostname: 'ci-runner' });
    expect(xml).toMatch(
      /<testcase name="db-failures-are-503 \[advisory\]"[^>]*>\s*<system-out>ADVISORY FAILURE \(does not block the release\)/,
    );
    expect(xml).toMatch(/<testsuite name="flaky-sweep" tests="5" failures="0"/);
    expect(xml).toMatch(
      /<testcase name="no-5xx-except-503" classname="faultline.flaky-sweep" time="0">\s*<flakyFailure message="attempt 1: 101 answers were 5xx other than 503/,
    );
    expect(xml).toMatch(
      /<testcase name="environment" classname="faultline.in-docker" time="[\d.]+">\s*<error message="no Docker engine" type="environment">/,
    );
    expect(xml).toMatch(
      /<testcase name="needs-redis" classname="faultline.needs-redis" time="0">\s*<skipped message="redis-server is not installed"\/>/,
    );
  });

  it('escapes markup and drops what XML cannot carry', () => {
    const xml = renderJunit(everyShape(), { hostname: 'ci-runner' });
    expect(xml).toContain('crash &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; red \uFFFDbell');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u001b');
  });
});

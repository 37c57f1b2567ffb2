import { describe, expect, it } from 'vitest';
import { failingScenario, fixtureRun, passingScenario } from '../testdata/fixtures.ts';
import { runPassed, verdictLine } from '../verdict.ts';
import { failedAttempt, gateRun, gateScenario, shouldRetry } from './gate.ts';
import { DEFAULT_POLICY, RELEASE_POLICY } from './policies.ts';
import { defineGatingPolicy } from './schema.ts';

describe('gateScenario', () => {
  it('blocks on a failed check by default, and gives every check a role', () => {
    const gated = gateScenario(failingScenario(), DEFAULT_POLICY, { graceMs: 5_000 });
    expect(gated.gate).toMatchObject({
      outcome: 'failed',
      attempts: 1,
      advisory: [],
      blocking: ['status-allowlist', 'no-5xx-except-503', 'db-failures-are-503'],
    });
    expect(Object.values(gated.gate?.roles ?? {})).toEqual(gated.checks.map(() => 'blocking'));
  });

  it('lets advisory failures through as warnings', () => {
    const policy = defineGatingPolicy({
      name: 'lenient',
      advisory: ['status-allowlist', 'startup-db-late/no-5xx-except-503', 'db-failures-are-503'],
    });
    const gated = gateScenario(failingScenario(), policy, { graceMs: 5_000 });
    expect(gated.status).toBe('failed');
    expect(gated.gate).toMatchObject({
      outcome: 'warned',
      blocking: [],
      advisory: ['status-allowlist', 'no-5xx-except-503', 'db-failures-are-503'],
    });
  });

  it('appends thresholds as checks measured over the timeline', () => {
    const policy = defineGatingPolicy({
      name: 't',
      thresholds: {
        'http_req_failed{phase:steady}': ['rate<0.01'],
        'http_req_failed{phase:fault}': ['rate<0.01'],
        'http_req_duration{phase:steady}': [{ threshold: 'p(95)<0.001', advisory: true }],
        'http_reqs{scenario:other}': ['count>1'],
      },
    });
    const gated = gateScenario(failingScenario(), policy, { graceMs: 5_000 });
    const byName = Object.fromEntries(gated.checks.map((check) => [check.name, check]));
    // Steady (after the grace period): only 200s and 201s. During the fault: the defect's 500s.
    expect(byName['http_req_failed{phase:steady} rate<0.01']).toMatchObject({
      passed: true,
      figures: { 'rate<0.01': 0 },
    });
    expect(byName['http_req_failed{phase:fault} rate<0.01']?.passed).toBe(false);
    expect(byName['http_req_failed{phase:fault} rate<0.01']?.evidence.firstOffending[0]).toMatchObject({
      type: 'sample',
      sample: { status: 500 },
    });
    expect(byName['http_req_duration{phase:steady} p(95)<0.001']?.passed).toBe(false);
    expect(gated.gate?.roles['http_req_duration{phase:steady} p(95)<0.001']).toBe('advisory');
    expect(gated.gate?.blocking).toContain('http_req_failed{phase:fault} rate<0.01');
    // A threshold tagged with another scenario does not apply here at all.
    expect(Object.keys(byName).some((name) => name.startsWith('http_reqs'))).toBe(false);
  });

  it('fails a threshold aimed at the scenario that matched no request: a gate that judged nothing proves nothing', () => {
    const policy = defineGatingPolicy({
      name: 't',
      thresholds: { 'http_req_failed{scenario:p2025-sweep,phase:fault}': ['rate<0.5'] },
    });
    const [threshold] = gateScenario(passingScenario(), policy, { graceMs: 5_000 }).checks.slice(-1);
    expect(threshold).toMatchObject({
      name: 'http_req_failed{scenario:p2025-sweep,phase:fault} rate<0.5',
      passed: false,
      figures: { 'rate<0.5': -1 },
    });
    expect(threshold?.evidence.firstOffending.at(-1)).toMatchObject({
      type: 'note',
      note: 'no request matched http_req_failed{scenario:p2025-sweep,phase:fault} in this scenario',
    });
  });

  it('leaves a policy-wide threshold out where its metric has no data', () => {
    const policy = defineGatingPolicy({ name: 't', thresholds: { 'http_req_failed{phase:fault}': ['rate<0.5'] } });
    const gated = gateScenario(passingScenario(), policy, { graceMs: 5_000 });
    expect(gated.checks.map((check) => check.name)).toEqual(passingScenario().checks.map((check) => check.name));
  });

  it('reports a pass after a failed attempt as flaky, keeping the failed attempt', () => {
    const policy = defineGatingPolicy({ name: 'retry', retries: 1 });
    const first = gateScenario(failingScenario(), policy, { graceMs: 5_000 });
    expect(shouldRetry(first, policy)).toBe(true);
    const second = gateScenario(passingScenario(), policy, { graceMs: 5_000, retried: [failedAttempt(first, 1)] });
    expect(second.gate).toMatchObject({ outcome: 'flaky', attempts: 2 });
    expect(second.gate?.retried[0]?.failedChecks.map((check) => check.name)).toEqual([
      'status-allowlist',
      'no-5xx-except-503',
      'db-failures-are-503',
    ]);
    expect(
      shouldRetry(
        gateScenario(failingScenario(), policy, { graceMs: 5_000, retried: [failedAttempt(first, 1)] }),
        policy,
      ),
    ).toBe(false);
  });

  it('does not judge skipped or errored scenarios', () => {
    const errored = { ...passingScenario(), status: 'error' as const, checks: [], timeline: null, reason: 'no Docker' };
    expect(gateScenario(errored, RELEASE_POLICY, { graceMs: 5_000 }).gate).toMatchObject({
      outcome: 'error',
      blocking: [],
    });
  });
});

describe('the verdict line', () => {
  it('says DO NOT RELEASE with the blocking checks', () => {
    const run = gateRun(fixtureRun(), DEFAULT_POLICY);
    expect(runPassed(run)).toBe(false);
    expect(verdictLine(run)).toBe(
      'DO NOT RELEASE — 3 blocking check(s) failed: startup-db-late/status-allowlist, startup-db-late/no-5xx-except-503, startup-db-late/db-failures-are-503; 1 passed, 1 failed (seed 5)',
    );
  });

  it('says RELEASE OK, WITH WARNINGS for advisory failures and flaky scenarios', () => {
    const policy = defineGatingPolicy({
      name: 'lenient',
      advisory: ['status-allowlist', 'no-5xx-except-503', 'db-failures-are-503'],
      retries: 1,
    });
    const run = gateRun(fixtureRun(), policy);
    const first = gateScenario(failingScenario(), DEFAULT_POLICY, { graceMs: 5_000 });
    run.scenarios[0] = gateScenario(passingScenario(), policy, { graceMs: 5_000, retried: [failedAttempt(first, 1)] });
    expect(runPassed(run)).toBe(true);
    expect(verdictLine(run)).toBe(
      'RELEASE OK, WITH WARNINGS — every blocking check held; p2025-sweep flaky (passed on retry 1); 3 advisory check(s) failed: startup-db-late/status-allowlist, startup-db-late/no-5xx-except-503, startup-db-late/db-failures-are-503; 0 passed, 1 flaky, 1 with warnings, 0 failed (seed 5)',
    );
  });

  it('says NOT PROVEN when the environment failed and nothing blocked', () => {
    const run = fixtureRun();
    run.scenarios = [run.scenarios[0]!, { ...run.scenarios[1]!, status: 'error', checks: [], timeline: null }];
    expect(verdictLine(gateRun(run, DEFAULT_POLICY))).toBe(
      'NOT PROVEN — the environment failed to start for 1 scenario(s) (startup-db-late); 1 passed, 0 failed, 1 errored (seed 5)',
    );
  });

  it('says NOT PROVEN, never a pass, when a fault counted from readiness never met a serving app', () => {
    const run = fixtureRun();
    run.scenarios = [
      run.scenarios[0]!,
      { ...run.scenarios[0]!, name: 'db-blackhole', status: 'not-proven', reason: 'the app never answered healthy' },
    ];
    const gated = gateRun(run, RELEASE_POLICY);
    expect(gated.scenarios[1]?.gate?.outcome).toBe('not-proven');
    expect(runPassed(gated)).toBe(false);
    expect(verdictLine(gated)).toBe(
      'NOT PROVEN — db-blackhole never met a serving app with its faults; 1 passed, 0 failed, 1 not proven (seed 5)',
    );
  });

  it('says RELEASE OK when every check held', () => {
    const run = fixtureRun();
    run.scenarios = [run.scenarios[0]!];
    expect(verdictLine(gateRun(run, RELEASE_POLICY))).toBe(
      'RELEASE OK — every check held; 1 passed, 0 failed (seed 5)',
    );
  });
});

describe('a blocking check with nothing to judge', () => {
  const unproven = {
    passed: false,
    proven: false as const,
    summary: 'nothing was proven',
    figures: {},
    evidence: { counts: {}, firstOffending: [] },
  };

  it('makes the scenario not proven (with the reason), retried like a failure, unless a check failed on evidence', () => {
    const passing = passingScenario();
    const nothing = {
      ...passing,
      status: 'failed' as const,
      checks: [...passing.checks, { ...unproven, name: 'no-lost-writes' }],
    };
    const gated = gateScenario(nothing, RELEASE_POLICY, { graceMs: 5_000 });
    expect([gated.status, gated.gate?.outcome, gated.gate?.blocking]).toEqual(['not-proven', 'not-proven', []]);
    expect(gated.reason).toBe('nothing to judge for no-lost-writes (nothing was proven)');
    expect(shouldRetry(gated, RELEASE_POLICY)).toBe(true);

    const failing = failingScenario();
    const both = { ...failing, checks: [...failing.checks, { ...unproven, name: 'no-lost-writes' }] };
    const judged = gateScenario(both, RELEASE_POLICY, { graceMs: 5_000 });
    expect([judged.status, judged.gate?.outcome]).toEqual(['failed', 'failed']);
    expect(judged.gate?.blocking).not.toContain('no-lost-writes');
  });
});

// A run's exit code from hand-made results: a verdict (0, 1) only when something was proven; a
// failed preflight or environment is 3, a harness failure 4, Ctrl-C 130.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../report/gating/policies.ts';
import { gateRun } from '../report/gating/gate.ts';
import { failingScenario, fixtureRun, passingScenario } from '../report/testdata/fixtures.ts';
import { verdictLine } from '../report/verdict.ts';
import type { RunResult, ScenarioErrorKind, ScenarioRunResult } from '../runner/types.ts';
import { ExitCode } from './exit-codes.ts';
import { runExitCode } from './run-exit-code.ts';

const errored = (name: string, errorKind: ScenarioErrorKind): ScenarioRunResult => ({
  ...passingScenario(),
  name,
  status: 'error',
  errorKind,
  reason: `${errorKind} went wrong`,
  checks: [],
  timeline: null,
});

const run = (...scenarios: ScenarioRunResult[]): RunResult => gateRun({ ...fixtureRun(), scenarios }, DEFAULT_POLICY);
const code = (result: RunResult, interrupted = false): number => runExitCode(result, { interrupted });

describe('runExitCode', () => {
  it('0 when every check held, 1 when a blocking check failed', () => {
    expect(code(run(passingScenario()))).toBe(ExitCode.Ok);
    expect(code(run(passingScenario(), failingScenario()))).toBe(ExitCode.ChecksFailed);
  });

  it('3 when the environment failed to start, and the verdict says so (not a harness failure)', () => {
    const result = run(passingScenario(), errored('db-blackhole', 'environment'));
    expect(code(result)).toBe(ExitCode.NotProven);
    expect(verdictLine(result)).toMatch(
      /^NOT PROVEN — the environment failed to start for 1 scenario\(s\) \(db-blackhole\)/,
    );
  });

  it('4 when a fault or the load broke mid-run, reported as a harness failure', () => {
    const result = run(
      passingScenario(),
      errored('db-blackhole', 'harness'),
      errored('pool-exhaustion', 'environment'),
    );
    expect(code(result)).toBe(ExitCode.HarnessFailed);
    expect(verdictLine(result)).toMatch(
      /^NOT PROVEN — the harness failed in 1 scenario\(s\) \(db-blackhole\); the environment failed to start for 1/,
    );
    expect(verdictLine(result)).not.toMatch(/harness failed in 1 scenario\(s\) \(pool-exhaustion/);
  });

  it('a proven failure outranks what could not be proven elsewhere', () => {
    expect(code(run(failingScenario(), errored('db-blackhole', 'harness')))).toBe(ExitCode.ChecksFailed);
  });

  it('3 when the app never became healthy in preflight, whatever else', () => {
    const result: RunResult = {
      ...run(),
      preflight: { passed: false, durationMs: 1, appEnv: {}, output: [], reason: 'the app exited with code 1' },
    };
    expect(code(result)).toBe(ExitCode.NotProven);
  });

  it('130 when interrupted', () => {
    expect(code(run(failingScenario()), true)).toBe(ExitCode.Interrupted);
  });
});

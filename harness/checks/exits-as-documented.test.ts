import { describe, expect, it } from 'vitest';
import { exit, fault, log, timeline } from '../timeline/fixtures.ts';
import type { LogEvent, ProcessEvent } from '../timeline/types.ts';
import { exitsAsDocumented } from './exits-as-documented.ts';

const options = exitsAsDocumented.optionsSchema.parse({ withinMs: '15s' });
const evaluate = (process: ProcessEvent[], logs: LogEvent[]) =>
  exitsAsDocumented.evaluate(timeline({ process, logs, faults: [fault({ fromMs: 0, toMs: null })] }), {
    options,
    scenario: { name: 't', graceMs: 0, expectFailFast: true },
  });

const started: ProcessEvent = { type: 'start', atMs: 1_000, pid: 1 };
const retries = [2_000, 4_000, 8_000].map((atMs) =>
  log({ atMs, level: 40, event: 'db.connect.retry', msg: 'retrying' }),
);
const failed = log({ atMs: 11_900, level: 60, event: 'startup.failed', msg: 'startup failed: database unreachable' });

describe('exits-as-documented', () => {
  it('passes the documented fail-fast', () => {
    const result = evaluate([started, exit({ atMs: 12_000, code: 1 })], [...retries, failed]);
    expect(result.passed).toBe(true);
    expect(result.figures).toEqual({ startupFailedLines: 1, crashLines: 0, exitAfterStartMs: 11_000 });
  });

  it('fails an app that hangs instead of exiting', () => {
    const result = evaluate([started], retries);
    expect(result.passed).toBe(false);
    expect(result.summary).toContain('did not exit on its own');
  });

  it('fails an exit by uncaught exception (with stack trace) instead of the documented line', () => {
    const crash = log({
      atMs: 11_900,
      level: 60,
      event: 'process.uncaughtException',
      msg: 'uncaught exception; exiting',
    });
    const result = evaluate([started, exit({ atMs: 12_000, code: 1 })], [crash]);
    expect(result.passed).toBe(false);
    expect(result.evidence.firstOffending.map((e) => e.note)).toEqual([
      expect.stringContaining("exactly one fatal 'startup.failed'"),
      expect.stringContaining('crash output'),
    ]);
  });

  it('fails a wrong exit code, an exit past the bound, and a duplicated fatal line', () => {
    const exited0 = evaluate([started, exit({ atMs: 12_000, code: 0 })], [failed]);
    expect(exited0.summary).toContain('exit code 0, expected 1');
    expect(exited0.evidence.counts['exit code 0']).toBe(1);
    expect(evaluate([started, exit({ atMs: 30_000, code: 1 })], [failed]).summary).toContain('bound 15000 ms');
    expect(evaluate([started, exit({ atMs: 12_000, code: 1 })], [failed, { ...failed, atMs: 11_950 }]).passed).toBe(
      false,
    );
  });

  it('ignores exits the harness asked for', () => {
    expect(
      evaluate([started, exit({ atMs: 5_000, code: null, signal: 'SIGKILL', expected: true })], [failed]).passed,
    ).toBe(false);
  });
});

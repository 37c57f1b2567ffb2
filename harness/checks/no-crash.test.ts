import { describe, expect, it } from 'vitest';
import { exit, sample, timeline } from '../timeline/fixtures.ts';
import { noCrash } from './no-crash.ts';
import type { ScenarioFacts } from './types.ts';

const scenario: ScenarioFacts = { name: 't', graceMs: 2_000, expectFailFast: false };
const evaluate = (run: ReturnType<typeof timeline>, facts = scenario) =>
  noCrash.evaluate(run, { options: {}, scenario: facts });

describe('no-crash', () => {
  it('passes when the only exits were asked for by the harness', () => {
    const result = evaluate(
      timeline({
        process: [
          { type: 'start', atMs: 0, pid: 1 },
          exit({ atMs: 5_000, expected: true, code: null, signal: 'SIGKILL' }),
          { type: 'start', atMs: 6_000, pid: 2 },
        ],
      }),
    );
    expect(result.passed).toBe(true);
    expect(result.figures).toMatchObject({ unexpectedExits: 0, expectedExits: 1, starts: 2 });
  });

  it('fails on an exit nobody asked for, with the exit as evidence', () => {
    const crash = exit({ atMs: 7_000, code: 1 });
    const result = evaluate(
      timeline({ samples: [sample({ atMs: 100 })], process: [{ type: 'start', atMs: 0, pid: 1 }, crash] }),
    );
    expect(result.passed).toBe(false);
    expect(result.summary).toContain('exited 1 time');
    expect(result.evidence.counts).toMatchObject({ unexpectedExits: 1, 'unexpected exit code 1': 1 });
    expect(result.evidence.firstOffending).toEqual([
      { type: 'process', event: crash, note: expect.stringContaining('code 1') },
    ]);
  });

  it('allows the documented fail-fast (exit 1 before any answer) only when the scenario expects it', () => {
    const failFast = timeline({ process: [{ type: 'start', atMs: 0, pid: 1 }, exit({ atMs: 11_000, code: 1 })] });
    expect(evaluate(failFast).passed).toBe(false);
    expect(evaluate(failFast, { ...scenario, expectFailFast: true }).passed).toBe(true);
    // An exit after the app has served is a crash even in a fail-fast scenario.
    const served = timeline({
      samples: [sample({ atMs: 500 })],
      process: [{ type: 'start', atMs: 0, pid: 1 }, exit({ atMs: 11_000, code: 1 })],
    });
    expect(evaluate(served, { ...scenario, expectFailFast: true }).passed).toBe(false);
  });
});

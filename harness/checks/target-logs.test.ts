// The checks that read logs and exits judge by the target's own contract (`logs`, `startup`), here
// with library-loans, whose logs are text (`level=fatal event=… msg="…"`): a crash it logs in its own
// words is caught, and its documented fail-fast passes — neither would without the target saying so.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerContract } from '../target/contract.ts';
import { loadTarget } from '../target/load-target.ts';
import type { Target } from '../target/types.ts';
import { REPO_ROOT } from '../testing/target.ts';
import { exit, timeline } from '../timeline/fixtures.ts';
import { toLogEvent } from '../timeline/log-event.ts';
import type { ProcessEvent } from '../timeline/types.ts';
import { exitsAsDocumented } from './exits-as-documented.ts';
import { noCrash } from './no-crash.ts';
import { noUnhandledErrors } from './no-unhandled-errors.ts';
import type { ScenarioFacts } from './types.ts';

let example: Target;
beforeAll(async () => {
  example = await loadTarget({ cwd: path.join(REPO_ROOT, 'examples', 'library-loans') });
});

/** Lines as the example's src/log.ts writes them. */
const line = (level: string, event: string, msg: string): string =>
  `2026-11-29T12:00:00.000Z level=${level} event=${event} msg=${JSON.stringify(msg)}`;
const CRASH = line('fatal', 'process.crash', 'unhandled rejection');
const GAVE_UP = line('fatal', 'startup.failed', 'the database could not be reached; giving up');
const RETRY = line('warn', 'db.retry', 'connecting failed; retrying');

const facts = (target: Target, expectFailFast: boolean): ScenarioFacts => ({
  name: 't',
  graceMs: 0,
  expectFailFast,
  contract: answerContract(target),
});
const read = (target: Pick<Target, 'logs'>, raws: string[]) =>
  raws.map((raw, index) => toLogEvent({ atMs: 100 * (index + 1), raw }, 'stdout', target.logs));

describe("checks judge logs by the target's format", () => {
  it('library-loans declares its text logs', () => {
    expect(example.logs?.format).toBe('text');
  });

  it("no-unhandled-errors fails on the example's crash line, read as text", () => {
    const result = noUnhandledErrors.evaluate(timeline({ logs: read(example, [RETRY, CRASH]) }), {
      options: { allowEvents: [] },
      scenario: facts(example, false),
    });
    expect(result.passed).toBe(false);
    expect(result.evidence.counts).toEqual({ 'fatal log line (process.crash)': 1 });
  });

  it('read as JSON (no format declared), the same crash line would go unnoticed', () => {
    const result = noUnhandledErrors.evaluate(timeline({ logs: read({}, [RETRY, CRASH]) }), {
      options: { allowEvents: [] },
      scenario: facts({ ...example, logs: undefined }, false),
    });
    expect(result.passed).toBe(true);
  });

  it("a line the target's logs.unhandled recognises fails the check, whatever its level", () => {
    const logs = { format: 'text' as const, unhandled: (entry: { event?: string }) => entry.event === 'process.crash' };
    const result = noUnhandledErrors.evaluate(
      timeline({ logs: read({ logs }, [line('error', 'process.crash', 'x')]) }),
      { options: { allowEvents: [] }, scenario: facts({ ...example, logs }, false) },
    );
    expect(result.evidence.counts).toEqual({ 'unhandled error (process.crash)': 1 });
  });
});

describe("exits-as-documented and no-crash judge by the target's startup contract", () => {
  const started: ProcessEvent = { type: 'start', atMs: 0, pid: 1 };
  const judge = (target: Target, code: number, raws: string[]) => {
    const recorded = timeline({ process: [started, exit({ atMs: 9_000, code })], logs: read(target, raws) });
    const scenario = facts(target, true);
    return {
      exits: exitsAsDocumented.evaluate(recorded, {
        options: exitsAsDocumented.optionsSchema.parse({ withinMs: '10s' }),
        scenario,
      }),
      crash: noCrash.evaluate(recorded, { options: {}, scenario }),
      unhandled: noUnhandledErrors.evaluate(recorded, { options: { allowEvents: [] }, scenario }),
    };
  };

  it("passes the example's documented fail-fast: exit 1 after its one fatal text line", () => {
    const { exits, crash, unhandled } = judge(example, 1, [RETRY, GAVE_UP]);
    expect([exits.passed, crash.passed, unhandled.passed]).toEqual([true, true, true]);
  });

  it('fails it when the example crashes instead of giving up as documented', () => {
    const { exits, unhandled } = judge(example, 1, [RETRY, CRASH]);
    expect(exits.passed).toBe(false);
    expect(unhandled.passed).toBe(false);
  });

  it('takes the exit code and line a target documents instead of the defaults', () => {
    const target: Target = { ...example, startup: { fatalExitCode: 78, fatalLog: /database unreachable/ } };
    const gaveUp = line('error', 'boot', 'database unreachable after 8 attempts');
    const documented = judge(target, 78, [gaveUp]);
    expect([documented.exits.passed, documented.crash.passed, documented.unhandled.passed]).toEqual([true, true, true]);
    // The defaults (exit 1, a fatal 'startup.failed' line) would not recognise it.
    const byDefault = judge({ ...target, startup: undefined }, 78, [gaveUp]);
    expect(byDefault.exits.summary).toContain('expected 1');
    expect(byDefault.crash.passed).toBe(false);
  });

  it('with fatalLog null, requires no line but still the exit code and no crash output', () => {
    const target: Target = { ...example, startup: { fatalLog: null } };
    expect(judge(target, 1, [RETRY]).exits.passed).toBe(true);
    expect(judge(target, 1, [RETRY, CRASH]).exits.passed).toBe(false);
    expect(judge(target, 2, [RETRY]).exits.passed).toBe(false);
  });
});

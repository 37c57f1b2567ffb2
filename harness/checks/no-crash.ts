// no-crash: no app process (any instance, when there are several) ever exited unless the harness
// asked it to (appKill, appRestart, rollingRestart, the end of the run). A scenario that expects the
// documented startup fail-fast may see the target's fail-fast exit code (default 1) before the app
// ever answered; any other exit is a crash.
import { z } from 'zod';
import { DEFAULT_STARTUP } from '../target/contract.ts';
import { answerTimes } from '../timeline/phases.ts';
import type { ProcessEvent, Timeline } from '../timeline/types.ts';
import { checkResult, plural, tally } from './result.ts';
import type { Check, Evidence } from './types.ts';

type Exit = Extract<ProcessEvent, { type: 'exit' }>;

/** The exit happened before the app answered anything since its last start: a startup exit. */
function isStartupExit(timeline: Timeline, exit: Exit): boolean {
  const lastStart =
    timeline.process
      .filter((event) => event.type === 'start' && event.instance === exit.instance && event.atMs <= exit.atMs)
      .at(-1)?.atMs ?? 0;
  return !answerTimes(timeline).some((atMs) => atMs >= lastStart && atMs <= exit.atMs);
}

export const noCrash: Check<Record<string, never>> = {
  name: 'no-crash',
  description:
    'The app process never exits unless the harness asked it to (the documented startup fail-fast, with its exit code, excepted when expected).',
  optionsSchema: z.strictObject({}),
  evaluate(timeline, { scenario }) {
    const exits = timeline.process.filter((event): event is Exit => event.type === 'exit');
    const offending: Evidence[] = [];
    const counts: Record<string, number> = {};
    const failFastCode = (scenario.contract?.startup ?? DEFAULT_STARTUP).fatalExitCode;
    let allowedFailFast = 0;
    for (const exit of exits) {
      if (exit.expected) continue;
      if (scenario.expectFailFast && exit.code === failFastCode && isStartupExit(timeline, exit)) {
        allowedFailFast++;
        continue;
      }
      // The structured fact a reader matches on (the defect matrix): how the process ended.
      tally(
        counts,
        exit.code === null ? `unexpected exit signal ${exit.signal ?? 'none'}` : `unexpected exit code ${exit.code}`,
      );
      offending.push({
        type: 'process',
        event: exit,
        note: `unexpected exit (code ${exit.code ?? 'none'}, signal ${exit.signal ?? 'none'}) at ${Math.round(exit.atMs)} ms`,
      });
    }
    const expectedExits = exits.filter((exit) => exit.expected).length;
    return checkResult(this.name, {
      passed: offending.length === 0,
      summary:
        offending.length === 0
          ? `No unexpected exit (${plural(expectedExits, 'exit')} requested by the harness${allowedFailFast > 0 ? ', the documented startup fail-fast' : ''}).`
          : `The app exited ${plural(offending.length, 'time')} without being asked to.`,
      figures: {
        unexpectedExits: offending.length,
        expectedExits,
        starts: timeline.process.filter((event) => event.type === 'start').length,
      },
      counts: { ...counts, unexpectedExits: offending.length, expectedExits, failFastExits: allowedFailFast },
      offending,
    });
  },
};

// no-unhandled-errors: nothing escaped the app's error handling. Offending: log events
// 'process.unhandledRejection' / 'process.uncaughtException', a line the target's `logs.unhandled`
// recognises, any fatal line (level ≥ 60, in JSON or text logs alike) except the target's documented
// startup line when the scenario expects the fail-fast, and raw stack traces (Node's own crash
// output, which is not a log line).
import { z } from 'zod';
import { DEFAULT_STARTUP, isFatalStartupLine } from '../target/contract.ts';
import { FATAL_LEVEL, looksLikeStackTrace } from '../timeline/log-event.ts';
import { checkResult, plural, tally } from './result.ts';
import type { Check, Evidence } from './types.ts';

const UNHANDLED = new Set(['process.unhandledRejection', 'process.uncaughtException']);

export const noUnhandledErrors: Check<{ allowEvents: string[] }> = {
  name: 'no-unhandled-errors',
  description: 'No unhandled rejection, uncaught exception, undocumented fatal log line or raw stack trace.',
  optionsSchema: z.strictObject({
    /** Fatal log events that are documented behaviour in this scenario. */
    allowEvents: z.array(z.string()).default([]),
  }),
  evaluate(timeline, { options, scenario }) {
    const counts: Record<string, number> = {};
    const offending: Evidence[] = [];
    const fatalLog = (scenario.contract?.startup ?? DEFAULT_STARTUP).fatalLog;
    for (const event of timeline.logs) {
      let why: string | null = null;
      const documented =
        (scenario.expectFailFast && isFatalStartupLine(event, fatalLog)) ||
        (event.event !== undefined && options.allowEvents.includes(event.event));
      if (event.event !== undefined && UNHANDLED.has(event.event)) why = event.event;
      else if (event.unhandled === true && !documented)
        why = `unhandled error${event.event === undefined ? '' : ` (${event.event})`}`;
      else if (event.level !== null && event.level >= FATAL_LEVEL) {
        if (!documented) why = `fatal log line${event.event === undefined ? '' : ` (${event.event})`}`;
      } else if (looksLikeStackTrace(event)) why = 'raw stack trace';
      if (why === null) continue;
      tally(counts, why);
      offending.push({
        type: 'log',
        event,
        note: `${why} at ${Math.round(event.atMs)} ms: ${event.msg.slice(0, 160)}`,
      });
    }
    const fatalLines = timeline.logs.filter((event) => event.level !== null && event.level >= FATAL_LEVEL).length;
    return checkResult(this.name, {
      passed: offending.length === 0,
      summary:
        offending.length === 0
          ? `No unhandled error in ${plural(timeline.logs.length, 'log line')}.`
          : `${plural(offending.length, 'unhandled error')} in the app log (${Object.keys(counts).join(', ')}).`,
      figures: { offendingLines: offending.length, fatalLines, logLines: timeline.logs.length },
      counts,
      offending,
    });
  },
};

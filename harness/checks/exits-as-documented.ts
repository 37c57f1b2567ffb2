// exits-as-documented: the documented startup fail-fast. When the database never becomes
// reachable within the app's retry budget, the app logs exactly one fatal 'startup.failed' line and
// exits with code 1 within a bound after it started — no uncaught exception, no raw stack trace,
// no hang, no exit before trying.
import { z } from 'zod';
import { durationMsSchema } from '../lib/duration.ts';
import { FATAL_LEVEL, looksLikeStackTrace } from '../timeline/log-event.ts';
import { checkResult } from './result.ts';
import type { Check, Evidence } from './types.ts';

export interface ExitsAsDocumentedOptions {
  /** From the app's start; the retry budget plus slack. */
  withinMs: number;
  exitCode: number;
  event: string;
}

export const exitsAsDocumented: Check<ExitsAsDocumentedOptions> = {
  name: 'exits-as-documented',
  description:
    "When the database never comes, the app exits with code 1 within a bound, having logged exactly one fatal 'startup.failed' line and no stack trace.",
  optionsSchema: z.strictObject({
    withinMs: durationMsSchema,
    exitCode: z.number().int().default(1),
    event: z.string().default('startup.failed'),
  }),
  evaluate(timeline, { options }) {
    const startMs = timeline.process.find((event) => event.type === 'start')?.atMs ?? 0;
    const exit = timeline.process.find((event) => event.type === 'exit' && event.atMs >= startMs && !event.expected);
    const failLines = timeline.logs.filter((event) => event.event === options.event);
    const fatalFailLines = failLines.filter((event) => event.level !== null && event.level >= FATAL_LEVEL);
    const crashes = timeline.logs.filter(
      (event) =>
        event.event === 'process.uncaughtException' ||
        event.event === 'process.unhandledRejection' ||
        looksLikeStackTrace(event),
    );
    const problems: Evidence[] = [];
    /** How the process ended ('exit code 0'), a count readers match on; absent when it never exited. */
    let exitedWith: string | null = null;
    const figures: Record<string, number> = { startupFailedLines: failLines.length, crashLines: crashes.length };

    if (exit === undefined || exit.type !== 'exit') {
      problems.push({
        type: 'note',
        note: `the app did not exit on its own (ran until ${Math.round(timeline.endedAtMs)} ms)`,
      });
    } else {
      figures.exitAfterStartMs = Math.round(exit.atMs - startMs);
      exitedWith = exit.code === null ? `exit signal ${exit.signal ?? 'none'}` : `exit code ${exit.code}`;
      if (exit.code !== options.exitCode)
        problems.push({
          type: 'process',
          event: exit,
          note: `exit code ${exit.code ?? `none (signal ${exit.signal ?? '?'})`}, expected ${options.exitCode}`,
        });
      if (exit.atMs - startMs > options.withinMs)
        problems.push({
          type: 'process',
          event: exit,
          note: `exited ${Math.round(exit.atMs - startMs)} ms after start, bound ${options.withinMs} ms`,
        });
    }
    if (fatalFailLines.length !== 1 || failLines.length !== 1) {
      problems.push({
        type: 'note',
        note: `expected exactly one fatal '${options.event}' line, found ${fatalFailLines.length} fatal of ${failLines.length}`,
      });
    }
    for (const event of crashes)
      problems.push({
        type: 'log',
        event,
        note: `crash output instead of the documented line: ${event.msg.slice(0, 120)}`,
      });

    return checkResult(this.name, {
      passed: problems.length === 0,
      summary:
        problems.length === 0
          ? `Failed fast as documented: one '${options.event}' line, exit ${options.exitCode} after ${figures.exitAfterStartMs} ms (bound ${options.withinMs} ms).`
          : `Did not fail fast as documented: ${problems
              .map((problem) => problem.note)
              .slice(0, 3)
              .join('; ')}.`,
      figures,
      counts: {
        startupFailedLines: failLines.length,
        crashLines: crashes.length,
        ...(exitedWith === null ? {} : { [exitedWith]: 1 }),
      },
      offending: problems,
    });
  },
};

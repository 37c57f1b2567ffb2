// exits-as-documented: the documented startup fail-fast, as the target documents it (`startup`).
// When the database never becomes reachable within the app's retry budget, the app logs exactly one
// documented line (default: a fatal 'startup.failed'; none when the target says it logs none) and
// exits with its documented code (default 1) within a bound after it started — no uncaught
// exception, no other fatal line, no raw stack trace, no line its `logs.unhandled` calls a crash,
// no hang.
import { z } from 'zod';
import { durationMsSchema } from '../lib/duration.ts';
import { DEFAULT_STARTUP, isFatalStartupLine, type StartupContract } from '../target/contract.ts';
import { FATAL_LEVEL, looksLikeStackTrace } from '../timeline/log-event.ts';
import { checkResult } from './result.ts';
import type { Check, Evidence } from './types.ts';

export interface ExitsAsDocumentedOptions {
  /** From the app's start; the retry budget plus slack. */
  withinMs: number;
  /** Default: the target's `startup.fatalExitCode`. */
  exitCode?: number;
  /** The documented line's event (on a fatal line). Default: the target's `startup.fatalLog`. */
  event?: string;
}

function describeLine(fatalLog: StartupContract['fatalLog']): string {
  return typeof fatalLog === 'string' ? `fatal '${fatalLog}'` : `${String(fatalLog)}`;
}

export const exitsAsDocumented: Check<ExitsAsDocumentedOptions> = {
  name: 'exits-as-documented',
  judgesStartup: true,
  description:
    "When the database never comes, the app exits with its documented code (default 1) within a bound, having logged exactly its documented line (default: one fatal 'startup.failed') and no stack trace.",
  optionsSchema: z.strictObject({
    withinMs: durationMsSchema,
    exitCode: z.number().int().optional(),
    event: z.string().min(1).optional(),
  }),
  evaluate(timeline, { options, scenario }) {
    const documented = scenario.contract?.startup ?? DEFAULT_STARTUP;
    const expectedCode = options.exitCode ?? documented.fatalExitCode;
    const fatalLog = options.event ?? documented.fatalLog;
    const startMs = timeline.process.find((event) => event.type === 'start')?.atMs ?? 0;
    const exit = timeline.process.find((event) => event.type === 'exit' && event.atMs >= startMs && !event.expected);
    // A line naming the event at any level is counted; only a fatal one is the documented line.
    const failLines = timeline.logs.filter((event) =>
      typeof fatalLog === 'string' ? event.event === fatalLog : isFatalStartupLine(event, fatalLog),
    );
    const fatalFailLines = failLines.filter((event) => isFatalStartupLine(event, fatalLog));
    const crashes = timeline.logs.filter(
      (event) =>
        !isFatalStartupLine(event, fatalLog) &&
        (event.event === 'process.uncaughtException' ||
          event.event === 'process.unhandledRejection' ||
          event.unhandled === true ||
          (event.level ?? 0) >= FATAL_LEVEL ||
          looksLikeStackTrace(event)),
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
      if (exit.code !== expectedCode)
        problems.push({
          type: 'process',
          event: exit,
          note: `exit code ${exit.code ?? `none (signal ${exit.signal ?? '?'})`}, expected ${expectedCode}`,
        });
      if (exit.atMs - startMs > options.withinMs)
        problems.push({
          type: 'process',
          event: exit,
          note: `exited ${Math.round(exit.atMs - startMs)} ms after start, bound ${options.withinMs} ms`,
        });
    }
    if (fatalLog === null) {
      // The target documents no line: only the exit and the absence of crash output are judged.
    } else if (fatalFailLines.length !== 1 || failLines.length !== 1) {
      problems.push({
        type: 'note',
        note: `expected exactly one ${describeLine(fatalLog)} line, found ${fatalFailLines.length}${typeof fatalLog === 'string' ? ` fatal of ${failLines.length}` : ''}`,
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
          ? `Failed fast as documented: ${fatalLog === null ? 'no crash output' : `one ${describeLine(fatalLog)} line`}, exit ${expectedCode} after ${figures.exitAfterStartMs} ms (bound ${options.withinMs} ms).`
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

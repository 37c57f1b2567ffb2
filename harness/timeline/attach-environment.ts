// Feeds what a StartedEnvironment reports (app log lines, starts, exits) into a recorder, so the
// runner needs one line to record them. Returns the function that detaches the listeners.
import type { EnvironmentEvents } from '../environment/types.ts';
import type { TargetLogs } from '../target/types.ts';
import { toLogEvent } from './log-event.ts';
import type { TimelineRecorder } from './recorder.ts';

const instanceOf = (event: { instance?: number }): { instance?: number } =>
  event.instance === undefined ? {} : { instance: event.instance };

/** `logs`: how the target's lines read (default: JSON lines). */
export function attachEnvironment(
  recorder: TimelineRecorder,
  events: EnvironmentEvents,
  logs?: TargetLogs,
): () => void {
  const detach = [
    events.onAppLog((line) => recorder.recordLog(toLogEvent(line, line.stream ?? 'stdout', logs))),
    events.onAppStart((start) =>
      recorder.recordProcess({ type: 'start', atMs: start.atMs, pid: start.pid, ...instanceOf(start) }),
    ),
    events.onAppExit((exit) =>
      recorder.recordProcess({
        type: 'exit',
        atMs: exit.atMs,
        ...instanceOf(exit),
        pid: exit.pid,
        code: exit.code,
        signal: exit.signal,
        expected: exit.expected,
      }),
    ),
  ];
  return () => {
    for (const off of detach) off();
  };
}

// Turns a line the app wrote into a LogEvent: pino's JSON fields lifted out when the line is JSON,
// the raw text kept either way (a crash dump on stderr is not JSON and matters most).
import type { AppLogLine } from '../environment/types.ts';
import type { LogEvent } from './types.ts';

export const FATAL_LEVEL = 60;
export const ERROR_LEVEL = 50;

function parseJson(raw: string): Record<string, unknown> | undefined {
  const text = raw.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function toLogEvent(line: AppLogLine, stream: 'stdout' | 'stderr' = 'stdout'): LogEvent {
  const json = line.json ?? parseJson(line.raw);
  const instance = line.instance === undefined ? {} : { instance: line.instance };
  if (json === undefined) return { atMs: line.atMs, ...instance, stream, level: null, msg: line.raw, raw: line.raw };
  const event: LogEvent = {
    atMs: line.atMs,
    ...instance,
    stream,
    level: typeof json.level === 'number' ? json.level : null,
    msg: typeof json.msg === 'string' ? json.msg : '',
    raw: line.raw,
    json,
  };
  if (typeof json.event === 'string') event.event = json.event;
  if (typeof json.requestId === 'string') event.requestId = json.requestId;
  return event;
}

/** Node's own crash output ("    at fn (file.js:1:2)") on a line that is not structured JSON. */
export function looksLikeStackTrace(event: LogEvent): boolean {
  if (event.json !== undefined) return false;
  return (
    /^\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))\s*$/m.test(event.raw) ||
    /^(Uncaught|Unhandled|\[UnhandledPromiseRejection)/.test(event.raw.trim())
  );
}

// Turns a line the app wrote into a LogEvent, as the target says its logs read (`logs.format`):
// JSON fields lifted out of a JSON line, or the level and event read from a text line; the raw text
// kept either way (a crash dump on stderr is neither, and matters most). A line the target's own
// `logs.unhandled` recognises is marked, so the checks judge it from the timeline alone.
import type { AppLogLine } from '../environment/types.ts';
import type { TargetLogs } from '../target/types.ts';
import type { LogEvent } from './types.ts';

export const FATAL_LEVEL = 60;
export const ERROR_LEVEL = 50;

/** Level names as pino numbers them: what a text line or a JSON line with a named level means. */
const LEVELS: Readonly<Record<string, number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  warning: 40,
  error: 50,
  err: 50,
  fatal: 60,
  critical: 60,
  crit: 60,
  panic: 60,
};

function levelOf(value: unknown): number | null {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? (LEVELS[value.toLowerCase()] ?? null) : null;
}

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

/** `key=value` and `key="quoted value"` pairs (logfmt). */
const PAIR = /(?:^|\s)([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|[^\s"]*)/g;
/** A line led by its level, after an optional timestamp: `ERROR …`, `[fatal] …`, `2026-… WARN: …`. */
const LEADING_LEVEL = /^(?:\S*\d\S*\s+)?\[?([A-Za-z]+)\]?:?(?:\s|$)/;

function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  try {
    return JSON.parse(value) as string;
  } catch {
    return value.slice(1, -1);
  }
}

/** A text line's level, event and message, as far as it says them. */
export function parseTextLine(raw: string): { level: number | null; event?: string; msg: string } {
  const fields: Record<string, string> = {};
  for (const [, key, value] of raw.matchAll(PAIR)) fields[key as string] ??= unquote(value as string);
  const leading = LEADING_LEVEL.exec(raw.trim())?.[1];
  const level = levelOf(fields.level ?? fields.lvl ?? fields.severity ?? leading);
  return {
    level,
    ...(fields.event === undefined ? {} : { event: fields.event }),
    msg: fields.msg ?? fields.message ?? raw,
  };
}

function readLine(line: AppLogLine, stream: 'stdout' | 'stderr', format: TargetLogs['format']): LogEvent {
  const instance = line.instance === undefined ? {} : { instance: line.instance };
  const json = format === 'json' ? (line.json ?? parseJson(line.raw)) : undefined;
  if (json === undefined) {
    if (format === 'json') return { atMs: line.atMs, ...instance, stream, level: null, msg: line.raw, raw: line.raw };
    return { atMs: line.atMs, ...instance, stream, ...parseTextLine(line.raw), raw: line.raw };
  }
  const event: LogEvent = {
    atMs: line.atMs,
    ...instance,
    stream,
    level: levelOf(json.level),
    msg: typeof json.msg === 'string' ? json.msg : '',
    raw: line.raw,
    json,
  };
  if (typeof json.event === 'string') event.event = json.event;
  if (typeof json.requestId === 'string') event.requestId = json.requestId;
  return event;
}

export function toLogEvent(line: AppLogLine, stream: 'stdout' | 'stderr' = 'stdout', logs?: TargetLogs): LogEvent {
  const event = readLine(line, stream, logs?.format ?? 'json');
  if (logs?.unhandled !== undefined) {
    let unhandled = false;
    try {
      unhandled = logs.unhandled(event);
    } catch {
      // A predicate that cannot read this line does not recognise it.
    }
    if (unhandled) event.unhandled = true;
  }
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

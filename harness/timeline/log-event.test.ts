import { describe, expect, it } from 'vitest';
import { looksLikeStackTrace, toLogEvent } from './log-event.ts';

describe('toLogEvent', () => {
  it('lifts pino fields out of a JSON line', () => {
    const raw = JSON.stringify({
      level: 60,
      levelName: 'fatal',
      event: 'startup.failed',
      msg: 'startup failed: x',
      requestId: 'r1',
    });
    const event = toLogEvent({ atMs: 12, raw });
    expect(event).toMatchObject({
      atMs: 12,
      stream: 'stdout',
      level: 60,
      event: 'startup.failed',
      msg: 'startup failed: x',
      requestId: 'r1',
      raw,
    });
  });

  it('uses the already-parsed json of the environment when present', () => {
    const event = toLogEvent({ atMs: 1, raw: 'ignored', json: { level: 30, msg: 'hi' } });
    expect(event).toMatchObject({ level: 30, msg: 'hi' });
  });

  it('keeps a non-JSON line as its raw text with no level', () => {
    const event = toLogEvent({ atMs: 3, raw: 'TypeError: boom' }, 'stderr');
    expect(event).toEqual({ atMs: 3, stream: 'stderr', level: null, msg: 'TypeError: boom', raw: 'TypeError: boom' });
  });
});

describe('looksLikeStackTrace', () => {
  it('recognises a stack frame line and Node crash banners, not JSON lines', () => {
    expect(
      looksLikeStackTrace(toLogEvent({ atMs: 0, raw: '    at Object.<anonymous> (/app/index.js:10:5)' }, 'stderr')),
    ).toBe(true);
    expect(
      looksLikeStackTrace(
        toLogEvent(
          { atMs: 0, raw: '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)' },
          'stderr',
        ),
      ),
    ).toBe(true);
    expect(
      looksLikeStackTrace(
        toLogEvent({ atMs: 0, raw: '[UnhandledPromiseRejection: This error originated ...]' }, 'stderr'),
      ),
    ).toBe(true);
    expect(
      looksLikeStackTrace(
        toLogEvent({ atMs: 0, raw: JSON.stringify({ level: 60, err: { stack: 'Error: x\n    at y (z.js:1:1)' } }) }),
      ),
    ).toBe(false);
    expect(looksLikeStackTrace(toLogEvent({ atMs: 0, raw: 'listening on 3000' }))).toBe(false);
  });
});

describe('toLogEvent with a text log format', () => {
  const text = { format: 'text' } as const;

  it("reads a logfmt line's level, event and message", () => {
    const raw =
      '2026-11-29T12:00:00.000Z level=fatal event=startup.failed msg="could not reach the database" attempts=8';
    expect(toLogEvent({ atMs: 5, raw }, 'stdout', text)).toEqual({
      atMs: 5,
      stream: 'stdout',
      level: 60,
      event: 'startup.failed',
      msg: 'could not reach the database',
      raw,
    });
  });

  it('reads a line led by its level, after an optional timestamp', () => {
    expect(toLogEvent({ atMs: 0, raw: 'ERROR payment failed' }, 'stdout', text).level).toBe(50);
    expect(toLogEvent({ atMs: 0, raw: '[fatal] out of memory' }, 'stdout', text).level).toBe(60);
    expect(toLogEvent({ atMs: 0, raw: '2026-11-29T12:00:00Z WARN: slow query' }, 'stdout', text).level).toBe(40);
    expect(toLogEvent({ atMs: 0, raw: 'listening on 3000' }, 'stdout', text).level).toBeNull();
  });

  it('without the format, the same fatal text line has no level (what the format is for)', () => {
    expect(toLogEvent({ atMs: 0, raw: 'level=fatal event=process.crash msg="boom"' }).level).toBeNull();
  });

  it('reads a named level in a JSON line (winston, bunyan-style names)', () => {
    expect(toLogEvent({ atMs: 0, raw: JSON.stringify({ level: 'error', message: 'x' }) }).level).toBe(50);
  });

  it("marks a line the target's logs.unhandled recognises, and only that line", () => {
    const logs = { format: 'text', unhandled: (line: { event?: string }) => line.event === 'process.crash' } as const;
    expect(toLogEvent({ atMs: 0, raw: 'level=error event=process.crash msg=x' }, 'stdout', logs).unhandled).toBe(true);
    expect(toLogEvent({ atMs: 0, raw: 'level=error event=http.error msg=x' }, 'stdout', logs)).not.toHaveProperty(
      'unhandled',
    );
  });
});

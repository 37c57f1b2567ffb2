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

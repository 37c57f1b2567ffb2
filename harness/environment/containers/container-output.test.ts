// The app container's output and exit status become the same events the embedded provider emits.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exitFromStatusCode, forwardLines, toLogLine } from './container-output.ts';

describe('toLogLine', () => {
  it('parses JSON lines and keeps the raw text', () => {
    expect(toLogLine('{"level":30,"msg":"listening"}', 12)).toEqual({
      atMs: 12,
      raw: '{"level":30,"msg":"listening"}',
      json: { level: 30, msg: 'listening' },
    });
  });

  it('keeps other lines raw, drops blank ones and carriage returns', () => {
    expect(toLogLine('npm warn something', 1)).toEqual({ atMs: 1, raw: 'npm warn something' });
    expect(toLogLine('{not json', 1)).toEqual({ atMs: 1, raw: '{not json' });
    expect(toLogLine('   ', 1)).toBeUndefined();
    expect(toLogLine('{"a":1}\r', 1)?.json).toEqual({ a: 1 });
  });
});

describe('forwardLines', () => {
  it('emits whole lines across chunk boundaries, and the unterminated rest at the end', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    forwardLines(stream, (raw) => lines.push(raw));
    stream.write('{"a":');
    stream.write('1}\n{"b":2}\nlast');
    stream.end();
    await new Promise((resolve) => stream.once('end', resolve));
    expect(lines).toEqual(['{"a":1}', '{"b":2}', 'last']);
  });
});

describe('exitFromStatusCode', () => {
  it('reports a signal death as the signal, the way a child process does', () => {
    expect(exitFromStatusCode(137)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(exitFromStatusCode(143)).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('reports ordinary exits as their code', () => {
    expect(exitFromStatusCode(0)).toEqual({ code: 0, signal: null });
    expect(exitFromStatusCode(1)).toEqual({ code: 1, signal: null });
    expect(exitFromStatusCode(255)).toEqual({ code: 255, signal: null });
  });
});

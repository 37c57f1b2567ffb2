// Turning what Docker tells us about the app container into the contract's events: its output
// stream into log lines (JSON parsed when it is JSON), and its exit status into code/signal the
// way a child process reports them, so checks read the same facts from every provider.
import { constants } from 'node:os';
import type { Readable } from 'node:stream';
import type { AppLogLine } from '../types.ts';

/** A line of output as the contract wants it, or undefined for a blank line. */
export function toLogLine(raw: string, atMs: number): AppLogLine | undefined {
  const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (text.trim() === '') return undefined;
  const line: AppLogLine = { atMs, raw: text };
  if (text.startsWith('{')) {
    try {
      line.json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON after all: keep the raw text
    }
  }
  return line;
}

/** Feed chunks of a text stream; `emit` gets each complete line, and the rest once it ends. */
export function forwardLines(stream: Readable, emit: (raw: string) => void): void {
  let buffer = '';
  stream.on('data', (chunk: Buffer | string) => {
    buffer += chunk.toString();
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      emit(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
  });
  stream.on('end', () => {
    if (buffer.length > 0) emit(buffer);
    buffer = '';
  });
  // A log stream that breaks loses lines, not the run; the exit watcher still reports the exit.
  stream.on('error', () => undefined);
}

const SIGNAL_NAMES = new Map<number, string>(Object.entries(constants.signals).map(([name, number]) => [number, name]));

/**
 * A container's exit status as a child process would report it. Docker reports a process killed
 * by signal N as status 128 + N (137 for SIGKILL, 143 for SIGTERM).
 */
export function exitFromStatusCode(statusCode: number): { code: number | null; signal: string | null } {
  const signal = statusCode > 128 ? SIGNAL_NAMES.get(statusCode - 128) : undefined;
  return signal === undefined ? { code: statusCode, signal: null } : { code: null, signal };
}

// The exit-code contract: README.md's table and EXIT_CODES are one list, every error the harness
// raises on purpose carries its code, and anything else maps to "the harness itself failed" — never
// to 1, which means a blocking check failed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnvironmentStartError } from '../environment/lifecycle.ts';
import { FaultError } from '../faults/types.ts';
import { LoadError } from '../load/errors.ts';
import { MatrixError } from '../matrix/run-matrix.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { EXIT_CODES, ExitCode, exitCodeOf, HarnessError, InterruptedError, UsageError } from './exit-codes.ts';
import { reportError } from './main.ts';

const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'README.md');

/** The rows of the table under "## Exit codes": [code, meaning]. */
function readmeRows(): [number, string][] {
  const text = fs.readFileSync(README, 'utf8');
  const section = text.split(/^## Exit codes$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .map((line) => /^\|\s*(\d+)\s*\|\s*(.+?)\s*\|$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => [Number(match[1]), match[2]!]);
}

afterEach(() => vi.restoreAllMocks());

describe('the README table and ExitCode are one list', () => {
  it('lists the same codes in the same order', () => {
    expect(readmeRows().map(([code]) => code)).toEqual(EXIT_CODES.map((entry) => entry.code));
    expect(Object.values(ExitCode)).toEqual(EXIT_CODES.map((entry) => entry.code));
  });

  it.each(EXIT_CODES.map((entry) => [entry.code, entry.meaning] as const))(
    'row %i starts with "%s"',
    (code, meaning) => {
      const row = readmeRows().find(([rowCode]) => rowCode === code);
      expect(row?.[1].toLowerCase().startsWith(meaning)).toBe(true);
    },
  );
});

describe('every error carries its exit code', () => {
  it.each([
    [new UsageError('bad flag'), ExitCode.InvalidInput],
    [new ScenarioError([{ path: 'duration', message: 'expected a duration' }]), ExitCode.InvalidInput],
    [new MatrixError('unknown scenario'), ExitCode.InvalidInput],
    [new LoadError('TEMPLATE_UNKNOWN', 'no such template'), ExitCode.InvalidInput],
    [new EnvironmentStartError('postgres did not start'), ExitCode.NotProven],
    [new LoadError('K6_NOT_INSTALLED', 'k6 is not on PATH'), ExitCode.NotProven],
    [new FaultError('db-down failed'), ExitCode.HarnessFailed],
    [new LoadError('K6_FAILED', 'k6 crashed'), ExitCode.HarnessFailed],
    [new HarnessError('BUG', 'a bug'), ExitCode.HarnessFailed],
    [new InterruptedError(), ExitCode.Interrupted],
    [
      Object.assign(new TypeError("Unknown option '--x'"), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' }),
      ExitCode.InvalidInput,
    ],
    [new TypeError('Cannot read properties of undefined'), ExitCode.HarnessFailed],
    ['a thrown string', ExitCode.HarnessFailed],
  ])('%s → %i', (error, code) => {
    expect(exitCodeOf(error)).toBe(code);
    expect(code).not.toBe(ExitCode.ChecksFailed);
  });
});

describe('reportError: one line, the stack only when asked', () => {
  const capture = (): string[] => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    return lines;
  };

  it('prints an unexpected error as one line naming the harness error and its code', () => {
    const lines = capture();
    const error = new Error('EISDIR: illegal operation on a directory\n    at something');
    expect(reportError('faultline run', error, { verbose: false })).toBe(ExitCode.HarnessFailed);
    expect(lines).toEqual([
      'faultline run: harness error (exit 4): EISDIR: illegal operation on a directory (--verbose or DEBUG=1 for the stack)',
    ]);
  });

  it('adds the stack with --verbose', () => {
    const lines = capture();
    const error = new Error('boom');
    reportError('faultline run', error, { verbose: true });
    expect(lines[0]).toBe('faultline run: harness error (exit 4): boom');
    expect(lines[1]).toBe(error.stack);
  });

  it('prints invalid input with the usage, without a stack', () => {
    const lines = capture();
    expect(
      reportError('faultline run', new UsageError('--seed is bad'), { verbose: false, usage: 'faultline run' }),
    ).toBe(ExitCode.InvalidInput);
    expect(lines).toEqual(['faultline run: --seed is bad\nUsage: faultline run']);
  });
});

import { describe, expect, it } from 'vitest';
import { log, timeline } from '../timeline/fixtures.ts';
import { noUnhandledErrors } from './no-unhandled-errors.ts';
import type { ScenarioFacts } from './types.ts';

const scenario: ScenarioFacts = { name: 't', graceMs: 0, expectFailFast: false };
const evaluate = (logs: ReturnType<typeof log>[], facts = scenario, allowEvents: string[] = []) =>
  noUnhandledErrors.evaluate(timeline({ logs }), { options: { allowEvents }, scenario: facts });

const healthyLogs = [
  log({ atMs: 10, level: 30, event: 'http.listening', msg: 'ready' }),
  log({ atMs: 20, level: 40, event: 'db.state', msg: 'database ready -> reconnecting' }),
  log({ atMs: 30, level: 50, event: 'http.error', msg: 'database unavailable' }),
  log({ atMs: 40, level: 40, event: 'record.skip', msg: 'lastSeen skipped: record not found' }),
];

describe('no-unhandled-errors', () => {
  it('passes on a log with warnings and handled errors only', () => {
    const result = evaluate(healthyLogs);
    expect(result.passed).toBe(true);
    expect(result.figures).toEqual({ offendingLines: 0, fatalLines: 0, logLines: 4 });
  });

  it('fails on an unhandled rejection logged by the last-resort handler', () => {
    const result = evaluate([
      ...healthyLogs,
      log({ atMs: 50, level: 60, event: 'process.unhandledRejection', msg: 'unhandled promise rejection; exiting' }),
    ]);
    expect(result.passed).toBe(false);
    expect(result.evidence.counts).toEqual({ 'process.unhandledRejection': 1 });
    expect(result.evidence.firstOffending[0]).toMatchObject({
      type: 'log',
      note: expect.stringContaining('process.unhandledRejection'),
    });
  });

  it('fails on a raw stack trace on stderr', () => {
    const result = evaluate([
      log({
        atMs: 1,
        level: null,
        msg: '    at Object.<anonymous> (/app/index.js:1:2)',
        raw: '    at Object.<anonymous> (/app/index.js:1:2)',
        json: undefined,
        stream: 'stderr',
      }),
    ]);
    expect(result.passed).toBe(false);
    expect(result.evidence.counts).toEqual({ 'raw stack trace': 1 });
  });

  it('treats startup.failed as documented only when the scenario expects the fail-fast', () => {
    const lines = [
      log({ atMs: 9_000, level: 60, event: 'startup.failed', msg: 'startup failed: database unreachable' }),
    ];
    expect(evaluate(lines).passed).toBe(false);
    expect(evaluate(lines, { ...scenario, expectFailFast: true }).passed).toBe(true);
    // A fatal 'process.exit' (exiting on a database error at runtime) is never documented by default.
    expect(
      evaluate([log({ atMs: 1, level: 60, event: 'process.exit', msg: 'database error; exiting' })], {
        ...scenario,
        expectFailFast: true,
      }).passed,
    ).toBe(false);
    expect(
      evaluate([log({ atMs: 1, level: 60, event: 'process.exit', msg: 'x' })], scenario, ['process.exit']).passed,
    ).toBe(true);
  });
});

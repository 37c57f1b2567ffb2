import { describe, expect, it } from 'vitest';
import { DurationError, durationMsSchema, formatDuration, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['5s', 5_000],
    ['1.5s', 1_500],
    ['2m', 120_000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    [' 3s ', 3_000],
    ['1200', 1_200],
    [0, 0],
    [750, 750],
  ])('%j → %d ms', (input, expectedMs) => {
    expect(parseDuration(input)).toBe(expectedMs);
  });

  it.each(['', '5 secs', 's', '5x', '-1s', '5s garbage', 'ms5', '1.s'])('rejects %j with a DurationError', (input) => {
    expect(() => parseDuration(input)).toThrow(DurationError);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, null, undefined, {}, true])('rejects %j', (input) => {
    const error = (() => {
      try {
        parseDuration(input);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DurationError);
    expect((error as DurationError).code).toBe('DURATION_INVALID');
    expect((error as DurationError).message).toMatch(/expected a duration such as '250ms'/);
  });
});

describe('formatDuration', () => {
  it.each([
    [250, '250ms'],
    [1_500, '1.5s'],
    [90_000, '1m30s'],
    [120_000, '2m'],
  ])('%d → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('durationMsSchema', () => {
  it('parses to milliseconds and explains failures', () => {
    expect(durationMsSchema.parse('2s')).toBe(2_000);
    const result = durationMsSchema.safeParse('2 seconds');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/expected a duration .* got "2 seconds"/);
  });
});

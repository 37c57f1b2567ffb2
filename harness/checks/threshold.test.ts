import { describe, expect, it } from 'vitest';
import { ThresholdError, aggregateOf, holds, parseThreshold, percentile } from './threshold.ts';

describe('parseThreshold', () => {
  it.each([
    ['p(95)<500', { aggregate: 'p', percentile: 95, operator: '<', value: 500 }],
    ['p(99.9) <= 1200', { aggregate: 'p', percentile: 99.9, operator: '<=', value: 1_200 }],
    ['avg<200', { aggregate: 'avg', operator: '<', value: 200 }],
    ['max<3000', { aggregate: 'max', operator: '<', value: 3_000 }],
    ['med<100', { aggregate: 'med', operator: '<', value: 100 }],
    ['min>0', { aggregate: 'min', operator: '>', value: 0 }],
    ['count>=10', { aggregate: 'count', operator: '>=', value: 10 }],
  ])('%s', (source, expected) => {
    expect(parseThreshold(source)).toEqual({ source, ...expected });
  });

  it.each(['p95<500', 'p(0)<5', 'p(101)<5', 'avg', 'avg<', 'mean<200', 'avg<200ms', 'avg=200', 'p(95)<500 && avg<2'])(
    'rejects %j keeping the text',
    (source) => {
      const error = (() => {
        try {
          parseThreshold(source);
        } catch (caught) {
          return caught as ThresholdError;
        }
        throw new Error('expected a ThresholdError');
      })();
      expect(error).toBeInstanceOf(ThresholdError);
      expect(error.code).toBe('THRESHOLD_INVALID');
      expect(error.source).toBe(source);
      expect(error.message).toContain(JSON.stringify(source));
    },
  );
});

describe('aggregates', () => {
  const values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
  it('interpolates percentiles like k6', () => {
    expect(percentile(values, 50)).toBe(55);
    expect(percentile(values, 95)).toBeCloseTo(95.5);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });

  it('computes each aggregate and compares', () => {
    expect(aggregateOf(parseThreshold('avg<1'), values)).toBe(55);
    expect(aggregateOf(parseThreshold('min<1'), values)).toBe(10);
    expect(aggregateOf(parseThreshold('max<1'), values)).toBe(100);
    expect(aggregateOf(parseThreshold('count<1'), values)).toBe(10);
    expect(holds(parseThreshold('p(95)<100'), 95.5)).toBe(true);
    expect(holds(parseThreshold('p(95)<95'), 95.5)).toBe(false);
    // No data never satisfies a threshold (except a count).
    expect(holds(parseThreshold('avg<200'), aggregateOf(parseThreshold('avg<200'), []))).toBe(false);
    expect(holds(parseThreshold('count==0'), aggregateOf(parseThreshold('count==0'), []))).toBe(true);
  });
});

// Latency thresholds in k6's syntax — 'p(95)<500', 'avg<200', 'max<3000', 'p(99.9)<=1200',
// 'med<100', 'min>0', 'count>=10' — parsed and validated before the run, keeping the original text
// for the report (as k6 does in metrics/thresholds.go). Values are milliseconds (counts for count).
import { ExitCode, FaultlineError } from '../cli/exit-codes.ts';

export type Aggregate = 'avg' | 'min' | 'max' | 'med' | 'count' | 'p';
export type Operator = '<' | '<=' | '>' | '>=' | '==' | '!=';

export interface Threshold {
  /** The expression exactly as written. */
  source: string;
  aggregate: Aggregate;
  /** For aggregate 'p': the percentile in (0, 100]. */
  percentile?: number;
  operator: Operator;
  value: number;
}

export class ThresholdError extends FaultlineError {
  readonly code = 'THRESHOLD_INVALID';
  readonly exitCode = ExitCode.InvalidInput;
  constructor(
    readonly source: string,
    reason: string,
  ) {
    super(`invalid threshold ${JSON.stringify(source)}: ${reason}`);
    this.name = 'ThresholdError';
  }
}

export const THRESHOLD_EXPECTATION =
  "a k6 threshold such as 'p(95)<500', 'avg<200', 'max<3000', 'p(99.9)<1000' (avg|min|max|med|count|p(N), then < <= > >= == !=, then a number)";

const PATTERN = /^\s*(avg|min|max|med|count|p\(\s*(\d+(?:\.\d+)?)\s*\))\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/;

export function parseThreshold(source: string): Threshold {
  if (typeof source !== 'string') throw new ThresholdError(String(source), `expected ${THRESHOLD_EXPECTATION}`);
  const match = PATTERN.exec(source);
  if (match === null) throw new ThresholdError(source, `expected ${THRESHOLD_EXPECTATION}`);
  const [, head, percentileText, operator, valueText] = match as unknown as [
    string,
    string,
    string | undefined,
    Operator,
    string,
  ];
  const value = Number(valueText);
  if (percentileText !== undefined) {
    const percentile = Number(percentileText);
    if (!(percentile > 0 && percentile <= 100))
      throw new ThresholdError(source, `the percentile must be in (0, 100], got ${percentileText}`);
    return { source, aggregate: 'p', percentile, operator, value };
  }
  return { source, aggregate: head as Aggregate, operator, value };
}

/** Linear interpolation between closest ranks, as k6's trend percentiles. `sorted` ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower] as number;
  return low + ((sorted[upper] as number) - low) * (rank - lower);
}

/** The aggregate of `values` the threshold talks about (NaN when there are none, except count). */
export function aggregateOf(threshold: Threshold, values: readonly number[]): number {
  if (threshold.aggregate === 'count') return values.length;
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  switch (threshold.aggregate) {
    case 'avg':
      return sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
    case 'min':
      return sorted[0] as number;
    case 'max':
      return sorted.at(-1) as number;
    case 'med':
      return percentile(sorted, 50);
    case 'p':
      return percentile(sorted, threshold.percentile as number);
  }
}

export function holds(threshold: Threshold, actual: number): boolean {
  if (Number.isNaN(actual)) return false;
  switch (threshold.operator) {
    case '<':
      return actual < threshold.value;
    case '<=':
      return actual <= threshold.value;
    case '>':
      return actual > threshold.value;
    case '>=':
      return actual >= threshold.value;
    case '==':
      return actual === threshold.value;
    case '!=':
      return actual !== threshold.value;
  }
}

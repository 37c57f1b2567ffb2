// Timing assertions that hold on a busy shared machine. Scheduling stalls only ever make a
// measurement later, never earlier: so every sample must respect the lower bound (a toxic never
// acts early), while the upper bound applies to the best of a few attempts (a stall is not a bug,
// but a delay that is always too long, or doubled, is).
import { expect } from 'vitest';

export async function expectDuration(
  label: string,
  measure: () => Promise<number>,
  bounds: { atLeastMs: number; belowMs: number },
  attempts = 3,
): Promise<number[]> {
  const samples: number[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    samples.push(await measure());
    if (samples[samples.length - 1]! < bounds.belowMs) break;
  }
  const seen = `${label}: ${samples.map((sample) => sample.toFixed(1)).join(', ')} ms`;
  for (const sample of samples) expect(sample, seen).toBeGreaterThanOrEqual(bounds.atLeastMs);
  expect(Math.min(...samples), seen).toBeLessThan(bounds.belowMs);
  return samples;
}

// Exponential backoff with "full jitter" halves: each delay is base·2^attempt capped at maxDelayMs,
// then drawn uniformly from [delay/2, delay] so a fleet of restarting containers does not retry
// in lockstep against a database that is just coming back.
export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}

export function backoffDelayMs(attempt: number, options: BackoffOptions): number {
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** The longest the whole retry sequence can wait between attempts (jitter at its maximum). */
export function maxRetryBudgetMs(maxRetries: number, options: Omit<BackoffOptions, 'random'>): number {
  let total = 0;
  for (let attempt = 0; attempt < maxRetries; attempt += 1)
    total += Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return total;
}

// The reference app's startup bound follows its own settings, so a run that retries longer is given
// longer, and one that retries less is given up on sooner.
import { describe, expect, it } from 'vitest';
import { referenceBounds } from './bounds.ts';
import { DEFAULT_APP_SETTINGS } from './settings.ts';

describe('referenceBounds', () => {
  it('is the retry budget, the schema query and service init of the default settings', () => {
    // 8 retries: backoff 250 + 500 + 1000 + 2000 × 5 = 11 750 ms; 9 connection attempts × 2 000 ms;
    // a 3 000 ms query; 6 000 ms for the services (a connection wait, a query and slack).
    expect(referenceBounds({}).startupMs).toBe(11_750 + 18_000 + 3_000 + 6_000);
    expect(referenceBounds(DEFAULT_APP_SETTINGS)).toMatchObject({
      retryMaxDelayMs: 2_000,
      connectionTimeoutMs: 2_000,
      queryTimeoutMs: 3_000,
      recheckMs: 500,
    });
  });

  it('follows the settings the app was started with, and ignores nonsense values', () => {
    expect(referenceBounds({ DB_CONNECT_MAX_RETRIES: '2' }).startupMs).toBe(250 + 500 + 3 * 2_000 + 3_000 + 6_000);
    expect(referenceBounds({ SERVICE_INIT_TIMEOUT_MS: '10000' }).startupMs).toBe(referenceBounds({}).startupMs + 4_000);
    expect(referenceBounds({ DB_CONNECT_MAX_RETRIES: 'many' }).startupMs).toBe(2_000 + 3_000 + 6_000);
  });
});

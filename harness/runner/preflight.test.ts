// The preflight's startup budget comes from the app's own settings (plus stated slack), so a
// target that retries longer is given longer, and one that retries less is given up on sooner.
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS } from '../environment/embedded/app-settings.ts';
import { PREFLIGHT_SLACK_MS, startupBudgetMs } from './preflight.ts';

describe('startupBudgetMs', () => {
  it('is the retry budget, the schema query and service init of the default settings, plus slack', () => {
    // 8 retries: backoff 250 + 500 + 1000 + 2000 × 5 = 11 750 ms; 9 connection attempts × 2 000 ms;
    // a 3 000 ms query; 6 000 ms for the services (a connection wait, a query and slack).
    expect(startupBudgetMs(DEFAULT_APP_SETTINGS)).toBe(11_750 + 18_000 + 3_000 + 6_000 + PREFLIGHT_SLACK_MS);
  });

  it('follows the settings the app was started with', () => {
    const fewer = startupBudgetMs({ ...DEFAULT_APP_SETTINGS, DB_CONNECT_MAX_RETRIES: '2' });
    expect(fewer).toBe(250 + 500 + 3 * 2_000 + 3_000 + 6_000 + PREFLIGHT_SLACK_MS);
    expect(startupBudgetMs({ ...DEFAULT_APP_SETTINGS, SERVICE_INIT_TIMEOUT_MS: '10000' })).toBe(
      startupBudgetMs(DEFAULT_APP_SETTINGS) + 4_000,
    );
  });

  it('gives an app whose settings are unknown (external) a fixed budget, and ignores nonsense values', () => {
    expect(startupBudgetMs(undefined)).toBe(30_000);
    expect(startupBudgetMs({ DB_CONNECT_MAX_RETRIES: 'many' })).toBe(PREFLIGHT_SLACK_MS);
  });
});

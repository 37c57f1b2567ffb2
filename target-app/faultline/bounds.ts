// The reference app's bounds, from the settings it is started with (a scenario may change them in
// its app env): what the scenario bounds and the preflight's patience derive from.
import type { TargetBounds } from '../../harness/target/types.ts';
import { DEFAULT_APP_SETTINGS } from './settings.ts';

export function referenceBounds(env: Readonly<Record<string, string>>): TargetBounds {
  const setting = (name: string): number => {
    const value = Number(env[name] ?? DEFAULT_APP_SETTINGS[name]);
    return Number.isFinite(value) && value >= 0 ? value : 0;
  };
  const retries = setting('DB_CONNECT_MAX_RETRIES');
  let backoffMs = 0;
  for (let attempt = 0; attempt < retries; attempt += 1)
    backoffMs += Math.min(setting('DB_CONNECT_MAX_DELAY_MS'), setting('DB_CONNECT_DELAY_MS') * 2 ** attempt);
  const connectionTimeoutMs = setting('DB_CONNECTION_TIMEOUT_MS');
  const queryTimeoutMs = setting('DB_QUERY_TIMEOUT_MS');
  return {
    retryMaxDelayMs: setting('DB_CONNECT_MAX_DELAY_MS'),
    connectionTimeoutMs,
    queryTimeoutMs,
    recheckMs: setting('DB_RECONNECT_INTERVAL_MS'),
    // Every backoff delay at its cap, one connection timeout per attempt, the schema check's query,
    // the non-critical services' init timeout.
    startupMs: backoffMs + (retries + 1) * connectionTimeoutMs + queryTimeoutMs + setting('SERVICE_INIT_TIMEOUT_MS'),
    redis: {
      commandTimeoutMs: setting('REDIS_CONNECT_TIMEOUT_MS'),
      // The app's ioredis retry strategy waits at most 2 s between reconnection attempts.
      reconnectMaxMs: 2_000,
      initTimeoutMs: setting('SERVICE_INIT_TIMEOUT_MS'),
    },
  };
}

// The image's HEALTHCHECK start period must cover a container that is legitimately still starting:
// the entrypoint's migration retries, then the app's own database connection budget and the service
// initialisation, all at their defaults. Shorter, and Docker marks a retrying container unhealthy
// (and an orchestrator replaces it) before it had the chance the retries exist to give it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { maxRetryBudgetMs } from './lib/backoff.ts';

const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dockerfile = fs.readFileSync(path.join(APP_DIR, 'Dockerfile'), 'utf8');
const entrypoint = fs.readFileSync(path.join(APP_DIR, 'docker-entrypoint.sh'), 'utf8');

/** Prisma's schema engine gives up connecting after its default connect_timeout (5 s) … */
const MIGRATE_CONNECT_TIMEOUT_MS = 5_000;
/** … and the `prisma` CLI itself takes a moment to start on each attempt (measured ~1 s; doubled). */
const MIGRATE_CLI_START_MS = 2_000;

function entrypointDefault(name: string): number {
  const match = new RegExp(`\\$\\{${name}:-(\\d+)\\}`).exec(entrypoint);
  if (match === null) throw new Error(`docker-entrypoint.sh has no default for ${name}`);
  return Number(match[1]);
}

/** The worst-case startup, every retry failing until the last and jitter at its maximum. */
function worstCaseStartupMs(): { migrationsMs: number; connectMs: number; servicesMs: number } {
  const attempts = entrypointDefault('MIGRATE_MAX_ATTEMPTS');
  const migrationsMs =
    attempts * (MIGRATE_CONNECT_TIMEOUT_MS + MIGRATE_CLI_START_MS) +
    (attempts - 1) * entrypointDefault('MIGRATE_RETRY_DELAY_SEC') * 1_000;
  const config = loadConfig({ DATABASE_URL: 'postgresql://u:p@h/db', JWT_SECRET: 'x'.repeat(16) });
  // Each attempt may wait for a connection and then for its query (`SELECT 1`) to time out.
  const connectMs =
    (config.DB_CONNECT_MAX_RETRIES + 1) * (config.DB_CONNECTION_TIMEOUT_MS + config.DB_QUERY_TIMEOUT_MS) +
    maxRetryBudgetMs(config.DB_CONNECT_MAX_RETRIES, {
      baseDelayMs: config.DB_CONNECT_DELAY_MS,
      maxDelayMs: config.DB_CONNECT_MAX_DELAY_MS,
    });
  // The services start in parallel, each bounded by the same timeout.
  return { migrationsMs, connectMs, servicesMs: config.SERVICE_INIT_TIMEOUT_MS };
}

describe('the image HEALTHCHECK', () => {
  it('has a start period covering the worst-case migration retries plus the connect budget', () => {
    const match = /HEALTHCHECK[^\n]*--start-period=(\d+)s/.exec(dockerfile);
    expect(match, 'a HEALTHCHECK with --start-period=<n>s').not.toBeNull();
    const startPeriodMs = Number(match![1]) * 1_000;
    const { migrationsMs, connectMs, servicesMs } = worstCaseStartupMs();
    // At the defaults: 10 × (5 + 2) s + 9 × 2 s = 88 s of migrations; 6 × (2 + 3) s + (2 + 4 + 8 + 16 + 30) s
    // = 90 s to connect; 6 s of services (connection + query timeout + 1 s): 184 s.
    expect(migrationsMs + connectMs + servicesMs).toBe(184_000);
    expect(startPeriodMs).toBeGreaterThanOrEqual(migrationsMs + connectMs + servicesMs);
  });
});

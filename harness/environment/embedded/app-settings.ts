// How long app instances behind the harness's balancer drain after SIGTERM: derived from the
// balancer's own checks, so an instance is out of rotation before it stops answering.
import { ejectionBoundMs, type HealthCheckSettings } from '../balancer/health-check.ts';

/** What the drain adds to the balancer's ejection bound: a health check's answer on a busy machine. */
export const DRAIN_SLACK_MS = 1_000;

/** How long instances behind a balancer with these checks drain: its ejection bound plus slack. */
export function drainMsFor(healthCheck: Omit<HealthCheckSettings, 'path'>): number {
  return ejectionBoundMs(healthCheck) + DRAIN_SLACK_MS;
}

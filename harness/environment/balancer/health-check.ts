// How the balancer decides that an instance may take traffic, as an ALB target group does: it asks
// each instance's readiness endpoint every `intervalMs`; `unhealthyThreshold` failed answers in a
// row (a status other than 200, or no answer within `timeoutMs`) take the instance out,
// `healthyThreshold` good ones in a row put it (back) in. A new instance starts out of rotation.
import http from 'node:http';

export interface HealthCheckSettings {
  path: string;
  intervalMs: number;
  timeoutMs: number;
  unhealthyThreshold: number;
  healthyThreshold: number;
}

// An ALB's timeout (5 s) and unhealthy threshold (2), a shorter interval (ALB: 30 s) so a roll fits
// in a run: a busy 2-core machine, where an instance's event loop may lag seconds, must not eject a
// healthy instance. The path is the target's readiness endpoint, which should answer from the app's
// known state (no database round-trip that would wait behind a busy pool).
export const DEFAULT_HEALTH_CHECK: Readonly<Omit<HealthCheckSettings, 'path'>> = {
  intervalMs: 1_000,
  timeoutMs: 5_000,
  unhealthyThreshold: 2,
  healthyThreshold: 2,
};

/**
 * The longest the balancer may keep sending new requests to an instance after its readiness turns
 * 503: the check in progress (up to its timeout), then `unhealthyThreshold` checks one interval apart.
 */
export function ejectionBoundMs(settings: Omit<HealthCheckSettings, 'path'>): number {
  return settings.timeoutMs + settings.unhealthyThreshold * settings.intervalMs;
}

/** One readiness answer: the HTTP status, or null with the error when nothing came back. */
export interface HealthAnswer {
  status: number | null;
  error?: string;
}

export function askReadiness(url: string, timeoutMs: number): Promise<HealthAnswer> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      response.once('end', () => resolve({ status: response.statusCode ?? null }));
      response.once('error', (error) => resolve({ status: null, error: error.message }));
    });
    request.once('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.once('error', (error) =>
      resolve({ status: null, error: (error as NodeJS.ErrnoException).code ?? error.message }),
    );
  });
}

/** The rotation state of one instance, moved by each answer. */
export class TargetHealth {
  healthy = false;
  private streak = 0;
  /** When the latest answers were sent (Date.now()), while they are an unbroken run of 200s. */
  private recentGoodSentAtMs: number[] = [];

  constructor(private readonly settings: HealthCheckSettings) {}

  /** Records one answer; returns true when the instance went in or out of rotation. */
  observe(answer: HealthAnswer, sentAtMs = Date.now()): boolean {
    const good = answer.status === 200;
    this.recentGoodSentAtMs = good ? [...this.recentGoodSentAtMs, sentAtMs].slice(-this.settings.healthyThreshold) : [];
    if (good === this.healthy) {
      this.streak = 0;
      return false;
    }
    this.streak++;
    const needed = this.healthy ? this.settings.unhealthyThreshold : this.settings.healthyThreshold;
    if (this.streak < needed) return false;
    this.healthy = good;
    this.streak = 0;
    return true;
  }

  /**
   * In rotation, and its latest `healthyThreshold` answers were 200s to checks sent after `sinceMs`:
   * a process started then is the one answering (a balancer that never saw the old one go would
   * otherwise hold it "healthy" on the old one's answers).
   */
  healthySince(sinceMs: number): boolean {
    return (
      this.healthy &&
      this.recentGoodSentAtMs.length >= this.settings.healthyThreshold &&
      this.recentGoodSentAtMs.every((sentAtMs) => sentAtMs >= sinceMs)
    );
  }
}

// The embedded environment's app instances as one app: started, killed and restarted together, their
// events merged (each says its instance), and the rolling restart that takes them down one at a time.
import type { AppExit, AppLogLine, AppStart } from '../types.ts';
import type { AppProcess } from '../app/app-process.ts';
import type { LoadBalancer } from '../balancer/balancer.ts';
import { askReadiness, type HealthCheckSettings } from '../balancer/health-check.ts';

/**
 * How long a restarted instance may take to be ready again: beyond the default startup retry
 * budget (about 30 s) on a busy machine, as the runner's own wait for readiness.
 */
export const INSTANCE_READY_WAIT_MS = 60_000;

/** How long a SIGTERMed instance may take beyond its drain to close its connections and exit. */
const SHUTDOWN_GRACE_MS = 15_000;

export class AppInstances {
  constructor(
    private readonly apps: readonly AppProcess[],
    private readonly balancer: LoadBalancer | undefined,
    private readonly ports: readonly number[],
    private readonly healthCheck: Readonly<HealthCheckSettings>,
    /** How long each instance drains after SIGTERM (0 when it does not). */
    private readonly drainMs: number,
  ) {}

  onLog(listener: (line: AppLogLine) => void): () => void {
    return this.every((app) => app.onLog(listener));
  }

  onExit(listener: (exit: AppExit) => void): () => void {
    return this.every((app) => app.onExit(listener));
  }

  onStart(listener: (start: AppStart) => void): () => void {
    return this.every((app) => app.onStart(listener));
  }

  async start(): Promise<void> {
    await Promise.all(this.apps.map((app) => app.start()));
  }

  async kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    await Promise.all(this.apps.map((app) => app.kill(signal)));
  }

  /** One instance killed, the others left running (the balancer takes it out on its failed checks). */
  async killInstance(instance: number, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    const app = this.apps[instance];
    if (app === undefined)
      throw new Error(`there is no app instance ${instance} (this run has ${this.apps.length}, numbered from 0)`);
    await app.kill(signal);
  }

  /** SIGTERM each instance in turn, start it again, and wait until it is ready before the next. */
  async rollingRestart(): Promise<void> {
    for (const app of this.apps) {
      await app.kill('SIGTERM', this.drainMs + SHUTDOWN_GRACE_MS);
      const startedAtMs = Date.now();
      await app.start();
      await this.waitUntilReady(app.instance, startedAtMs);
    }
  }

  /** Ready on answers from the process started at `startedAtMs`, not on the old one's last checks. */
  private async waitUntilReady(instance: number, startedAtMs: number): Promise<void> {
    if (this.balancer !== undefined) {
      await this.balancer.waitUntilHealthy(instance, INSTANCE_READY_WAIT_MS, startedAtMs);
      return;
    }
    // One instance, no balancer: its own readiness answering 200 is what "back" means.
    const url = `http://127.0.0.1:${this.ports[instance]}${this.healthCheck.path}`;
    const deadline = Date.now() + INSTANCE_READY_WAIT_MS;
    while ((await askReadiness(url, this.healthCheck.timeoutMs)).status !== 200) {
      if (Date.now() > deadline)
        throw new Error(`instance ${instance} was not ready within ${INSTANCE_READY_WAIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, this.healthCheck.intervalMs));
    }
  }

  private every(subscribe: (app: AppProcess) => () => void): () => void {
    const offs = this.apps.map(subscribe);
    return () => {
      for (const off of offs) off();
    };
  }
}

// A wait strategy that is satisfied as soon as the container runs. The app container uses it so
// that `startApp()` behaves like spawning a process: a scenario may start the app while faults are
// active, when it cannot be healthy yet, and probes (not the provider) watch it get there.
import type { WaitStrategy } from 'testcontainers';

export class RunningWaitStrategy implements WaitStrategy {
  private startupTimeoutMs = 60_000;

  async waitUntilReady(): Promise<void> {}

  withStartupTimeout(startupTimeoutMs: number): this {
    this.startupTimeoutMs = startupTimeoutMs;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return true;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }
}

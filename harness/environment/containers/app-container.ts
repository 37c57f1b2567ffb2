// The target app as a container, with the same behaviour as AppProcess (the embedded provider's
// child process): started, killed and started again on demand; its output reported as log lines
// and every exit reported, marked expected when the harness asked for it. The container is created
// once and kept across kills, so a restart runs the same image with the same pinned host port.
import {
  BoundPorts,
  Wait,
  type ContainerRuntimeClient,
  type GenericContainer,
  type StartedTestContainer,
} from 'testcontainers';
import type { AppExit } from '../types.ts';
import { AppEventSource } from '../app/app-events.ts';
import { exitFromStatusCode, forwardLines, toLogLine } from './container-output.ts';
import { RunningWaitStrategy } from './running-wait-strategy.ts';

/** dockerode's container handle, named through testcontainers (dockerode is not our dependency). */
export type DockerContainer = ReturnType<ContainerRuntimeClient['container']['getById']>;

export class AppContainer extends AppEventSource {
  private started: StartedTestContainer | undefined;
  private running = false;
  private expectedExit = false;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly container: GenericContainer,
    private readonly client: ContainerRuntimeClient,
    private readonly port: number,
    private readonly now: () => number,
  ) {
    super();
  }

  /** Create and start the container the first time, start it again afterwards; resolves once it runs (not when it is ready). */
  async start(): Promise<void> {
    if (this.running) return;
    this.expectedExit = false;
    if (this.started === undefined) {
      this.started = await this.container.withWaitStrategy(new RunningWaitStrategy()).start();
    } else {
      await this.client.container.start(this.docker());
    }
    const started = this.started;
    const inspect = await this.client.container.inspect(this.docker());
    this.running = true;
    const pid = inspect.State.Pid > 0 ? inspect.State.Pid : undefined;
    this.emitStart({ atMs: this.now(), pid });
    // Docker keeps the output of earlier runs: read only this run's, from the moment it started.
    const logs = await started.logs({ since: Date.parse(inspect.State.StartedAt) / 1000 });
    forwardLines(logs, (raw) => this.emitLine(raw));
    this.exited = this.watchExit(pid);
  }

  /** Wait until GET `path` answers `status` (used when the environment itself starts the app). */
  async waitUntilReady(path: string, status: number, timeoutMs: number): Promise<void> {
    if (this.started === undefined) throw new Error('the app container has not been started');
    const boundPorts = new BoundPorts();
    boundPorts.setBinding(this.port, this.started.getMappedPort(this.port));
    await Wait.forHttp(path, this.port, { abortOnContainerExit: true })
      .forStatusCode(status)
      .withStartupTimeout(timeoutMs)
      .waitUntilReady(this.docker(), boundPorts);
  }

  /** Signal the app and wait for its exit (SIGKILL after `graceMs` if it lingers); the container is kept. */
  async kill(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM', graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.expectedExit = true;
    const docker = this.docker();
    // A container that exits between our check and the signal answers 409; its exit is still reported.
    await docker.kill({ signal }).catch(() => undefined);
    const timer = setTimeout(() => void docker.kill({ signal: 'SIGKILL' }).catch(() => undefined), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Stop the app (SIGTERM, then SIGKILL after `graceMs`) and remove its container. */
  async remove(graceMs: number): Promise<void> {
    await this.kill('SIGTERM', graceMs);
    await this.started?.stop({ remove: true, timeout: 0 });
  }

  private docker(): DockerContainer {
    if (this.started === undefined) throw new Error('the app container has not been started');
    return this.client.container.getById(this.started.getId());
  }

  private async watchExit(pid: number | undefined): Promise<void> {
    const docker = this.docker();
    let statusCode: number | undefined;
    for (;;) {
      try {
        statusCode = ((await docker.wait()) as { StatusCode: number }).StatusCode;
        break;
      } catch {
        // The wait request broke, not necessarily the container: ask Docker for its state.
        const state = (await docker.inspect().catch(() => undefined))?.State;
        if (state === undefined) break; // gone, or Docker unreachable: an exit with unknown status
        if (!state.Running) {
          statusCode = state.ExitCode;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    this.running = false;
    const { code, signal } = statusCode === undefined ? { code: null, signal: null } : exitFromStatusCode(statusCode);
    const exit: AppExit = { atMs: this.now(), pid, code, signal, expected: this.expectedExit };
    this.emitExit(exit);
  }

  private emitLine(raw: string): void {
    const line = toLogLine(raw, this.now());
    if (line === undefined) return;
    this.emitLog(line);
  }
}

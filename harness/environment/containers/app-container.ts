// The target app as a container, with the same behaviour as AppProcess (the embedded provider's
// child process): started, killed and started again on demand; its output reported as log lines
// and every exit reported, marked expected when the harness asked for it. The container is created
// up front (`create()`, while the environment starts) and kept across kills, so starting it is one
// `docker start` — as quick as spawning a process, which the startup scenarios' timelines assume —
// and a restart runs the same image with the same pinned host port.
import { BoundPorts, Wait, type ContainerRuntimeClient } from 'testcontainers';
import type { AppExit } from '../types.ts';
import { AppEventSource } from '../app/app-events.ts';
import { exitFromStatusCode, forwardLines, toLogLine } from './container-output.ts';

/** dockerode's container handle, named through testcontainers (dockerode is not our dependency). */
export type DockerContainer = ReturnType<ContainerRuntimeClient['container']['getById']>;

/** What the app container is made of: dockerode's create options, as the environment plans them. */
export type AppContainerSpec = Parameters<ContainerRuntimeClient['container']['create']>[0];

export class AppContainer extends AppEventSource {
  private container: DockerContainer | undefined;
  private running = false;
  private expectedExit = false;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: ContainerRuntimeClient,
    private readonly spec: AppContainerSpec,
    private readonly port: number,
    private readonly hostPort: number,
    private readonly now: () => number,
  ) {
    super();
  }

  /** Create the container (not started). */
  async create(): Promise<void> {
    this.container ??= await this.client.container.create(this.spec);
  }

  /** Start the container; resolves once it runs (not when it is ready). */
  async start(): Promise<void> {
    if (this.running) return;
    await this.create();
    this.expectedExit = false;
    const docker = this.docker();
    await this.client.container.start(docker);
    this.running = true;
    const startedAtMs = this.now();
    const inspect = await this.client.container.inspect(docker);
    const pid = inspect.State.Pid > 0 ? inspect.State.Pid : undefined;
    this.emitStart({ atMs: startedAtMs, pid });
    // Docker keeps the output of earlier runs: read only this run's, from the moment it started
    // (the engine takes fractional seconds).
    const logs = await this.client.container.logs(docker, { since: Date.parse(inspect.State.StartedAt) / 1000 });
    forwardLines(logs, (raw) => this.emitLine(raw));
    this.exited = this.watchExit(pid);
  }

  /** Wait until GET `path` answers `status` (used when the environment itself starts the app). */
  async waitUntilReady(path: string, status: number, timeoutMs: number): Promise<void> {
    const boundPorts = new BoundPorts();
    boundPorts.setBinding(this.port, this.hostPort);
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
    if (this.container !== undefined) await this.client.container.remove(this.container, { removeVolumes: true });
  }

  private docker(): DockerContainer {
    if (this.container === undefined) throw new Error('the app container has not been created');
    return this.container;
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

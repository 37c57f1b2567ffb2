// What the containers provider will create, as plain data: one network, four containers and the
// Toxiproxy proxies between them. `planContainers` computes it; `startContainersEnvironment`
// executes it. Keeping the wiring in data is what lets it be tested on machines without Docker.

/** The services of one environment; each is also its container's alias on the network. */
export type ServiceName = 'postgres' | 'redis' | 'toxiproxy' | 'app';

/** Where a container's image comes from (an image the app's is built before the plan is made). */
export type ImageSource = { kind: 'image'; image: string };

/** A container port, optionally pinned to a host port (otherwise Docker picks one). */
export interface ExposedPort {
  container: number;
  host?: number;
}

/** How to tell that a container is ready, described rather than constructed. */
export type WaitPlan =
  /** An HTTP request to a container port answered with `status`. */
  | { kind: 'http'; method: 'GET'; path: string; port: number; status: number }
  /** A line in the container's output. */
  | { kind: 'log'; message: string }
  /** The image's health check passes and the exposed ports accept connections. */
  | { kind: 'healthcheck-and-ports' }
  /** Running is enough (the caller probes readiness itself). */
  | { kind: 'running' };

export interface ContainerPlan {
  service: ServiceName;
  source: ImageSource;
  /** The container's names on the environment's network (the first is the service name). */
  networkAliases: string[];
  env: Record<string, string>;
  /** Overrides the image's command; undefined keeps it. */
  command: string[] | undefined;
  exposedPorts: ExposedPort[];
  wait: WaitPlan;
  startupTimeoutMs: number;
}

export interface PostgresPlan extends ContainerPlan {
  service: 'postgres';
  database: string;
  username: string;
  password: string;
  /** Signals sent to PostgreSQL (PID 1 of its container) for stopPostgres, as `pg_ctl -m` sends them. */
  stopSignals: { fast: 'SIGINT'; immediate: 'SIGQUIT' };
}

export interface ToxiproxyPlan extends ContainerPlan {
  service: 'toxiproxy';
  apiPort: number;
}

export interface AppPlan extends ContainerPlan {
  service: 'app';
  /** The port the app listens on inside its container. */
  port: number;
  /** Readiness awaited when the environment starts the app itself; `startApp()` later waits only for `wait`. */
  readiness: WaitPlan;
}

/** One Toxiproxy proxy, created through the Toxiproxy API once its container runs. */
export interface ProxyPlan {
  name: string;
  /** Where Toxiproxy listens inside its container, e.g. `0.0.0.0:8666`. */
  listen: string;
  listenPort: number;
  /** `<alias>:<port>` of the service behind the proxy, resolved on the network. */
  upstream: string;
}

export interface ContainersPlan {
  /** Every container joins this one network under its aliases. */
  network: { aliases: Record<ServiceName, string> };
  postgres: PostgresPlan;
  redis: ContainerPlan;
  toxiproxy: ToxiproxyPlan;
  proxies: ProxyPlan[];
  app: AppPlan;
  /** Start order; stop runs it in reverse. */
  startOrder: ServiceName[];
}

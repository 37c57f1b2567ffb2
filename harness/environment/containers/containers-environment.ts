// The containers provider: executes the plan from `planContainers` with testcontainers — one
// network; PostgreSQL (migrated and seeded by the harness through its mapped port), Redis, a
// Toxiproxy (the real one, or the project's own server as an image) with proxies in front of both,
// and the target's app in its container (`app.container`: its Dockerfile built here, or its image).
// Images are the official ones or the local stand-ins (images/), as configured; local ones are built
// first when missing or out of date. A target without a container is refused (exit 2).
// It returns the same StartedEnvironment as the embedded provider; `stop()` undoes it in reverse.
// Without a Docker engine it fails within a bounded time with ENVIRONMENT_START_FAILED.
import { randomBytes } from 'node:crypto';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { GenericContainer, Network, Wait, type StartedNetwork, type WaitStrategy } from 'testcontainers';
import { Toxiproxy } from 'toxiproxy-node-client';
import { migrateAndSeed } from '../../target/database.ts';
import { prepareFixtures, targetAppEnv } from '../../target/fixtures.ts';
import { readyPath } from '../../target/health.ts';
import type { Target } from '../../target/types.ts';
import { freePort } from '../../lib/ports.ts';
import { EnvironmentStartError, startClock, Teardown } from '../lifecycle.ts';
import type { PostgresStopMode, StartedEnvironment } from '../types.ts';
import { AppContainer, type DockerContainer } from './app-container.ts';
import type { ContainerPlan, WaitPlan } from './containers-plan.ts';
import { applyTestcontainersDefaults, connectContainerRuntime } from './container-runtime.ts';
import { ensureImages, imageLabel, pullImage } from './images/build-images.ts';
import { chooseImages, localImagesNeeded, type ImageConfig } from './images/image-choice.ts';
import { planContainers, postgresUrl } from './plan-containers.ts';
import { RunningWaitStrategy } from './running-wait-strategy.ts';
import { appContainerPort, ensureTargetImage, targetContainer } from './images/target-image.ts';

export interface ContainersEnvironmentOptions {
  /** The app: its container (`app.container`), settings, database steps and fixtures. */
  target: Target;
  /** Drives the seeded data set. (Real Toxiproxy rolls toxicity with its own, unseeded RNG.) */
  seed: number;
  /** Overrides of the app's environment (a scenario's settings, the defects switch). */
  appEnv?: Record<string, string>;
  /** Start the app as part of start(); false builds its image and container but leaves it stopped. */
  startApp?: boolean;
  /** Progress lines ("postgres ready", ...). */
  onProgress?: (message: string) => void;
  /** How long the container runtime may take to answer before start() fails (default 15 s). */
  runtimeTimeoutMs?: number;
  /** How long the app may take to answer its health check when start() starts it (default 120 s). */
  appStartupTimeoutMs?: number;
  /** Official images or the local stand-ins (default: auto, see images/image-choice.ts). */
  images?: ImageConfig;
}

/** Every container and network of one environment carries this label with the environment's id. */
export const ENVIRONMENT_LABEL = 'org.faultline.environment';

const APP_STOP_GRACE_MS = 5_000;
const POSTGRES_STOP_TIMEOUT_MS = 30_000;

function waitStrategy(wait: WaitPlan): WaitStrategy {
  switch (wait.kind) {
    case 'http':
      return Wait.forHttp(wait.path, wait.port).forStatusCode(wait.status);
    case 'log':
      return Wait.forLogMessage(wait.message);
    case 'healthcheck-and-ports':
      return Wait.forAll([Wait.forHealthCheck(), Wait.forListeningPorts()]);
    case 'running':
      return new RunningWaitStrategy();
  }
}

/** Apply a container's plan: network and aliases, environment, command, ports, readiness. */
function configure<C extends GenericContainer>(
  container: C,
  plan: ContainerPlan,
  network: StartedNetwork,
  labels: Record<string, string>,
): C {
  container
    .withLabels(labels)
    .withNetwork(network)
    .withNetworkAliases(...plan.networkAliases)
    .withEnvironment(plan.env)
    .withExposedPorts(
      ...plan.exposedPorts.map((port) =>
        port.host === undefined ? port.container : { container: port.container, host: port.host },
      ),
    )
    .withWaitStrategy(waitStrategy(plan.wait))
    .withStartupTimeout(plan.startupTimeoutMs);
  if (plan.command !== undefined) container.withCommand(plan.command);
  return container;
}

/** Resolve once the container has stopped; after `timeoutMs` SIGKILL it and wait for that. */
async function waitForStop(docker: DockerContainer, timeoutMs: number): Promise<void> {
  const stopped = docker.wait();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
  if ((await Promise.race([stopped, late])) === 'late') {
    await docker.kill({ signal: 'SIGKILL' }).catch(() => undefined);
    await stopped;
  }
  clearTimeout(timer);
}

export async function startContainersEnvironment(options: ContainersEnvironmentOptions): Promise<StartedEnvironment> {
  const now = startClock();
  const progress = options.onProgress ?? (() => undefined);
  const undo = new Teardown();
  const stopAll = (): Promise<void> => undo.run();
  const { target } = options;
  // Before anything starts: a target without a container is an input error (exit 2), not a failed start.
  const container = targetContainer(target);

  try {
    applyTestcontainersDefaults(process.env);
    const client = await connectContainerRuntime({ timeoutMs: options.runtimeTimeoutMs });
    const host = client.info.containerRuntime.host;
    progress(`container runtime at ${host} (server ${client.info.containerRuntime.serverVersion})`);
    const images = await chooseImages(
      options.images ?? { mode: 'auto', overrides: {} },
      async (image) => (await imageLabel(image)) !== undefined,
      (image) => pullImage(image, progress),
    );
    progress(`images: ${Object.values(images).join(', ')}`);
    const built = [
      ...(await ensureImages(localImagesNeeded(images), { onProgress: progress })),
      await ensureTargetImage(target, { nodeImage: images.node, onProgress: progress }),
    ];
    progress(
      `images ready: ${built.map((image) => `${image.tag} ${image.status} in ${(image.durationMs / 1000).toFixed(1)} s`).join(', ')}`,
    );
    const appImage = built.at(-1)!.tag;
    const labels = { [ENVIRONMENT_LABEL]: randomBytes(6).toString('hex') };
    const plan = planContainers({
      images,
      app: {
        image: appImage,
        settings: { ...targetAppEnv(target), ...container.env },
        inject: target.app.inject,
        port: appContainerPort(container),
        readyPath: readyPath(target),
      },
      postgresPassword: randomBytes(12).toString('hex'),
      // Docker binds on every interface; pinning the ports keeps the URLs valid across restarts.
      appHostPort: await freePort('0.0.0.0'),
      postgresHostPort: await freePort('0.0.0.0'),
      appEnv: options.appEnv,
      appStartupTimeoutMs: options.appStartupTimeoutMs,
    });

    const network = await new Network().start();
    // (testcontainers labels its networks itself: org.testcontainers=true, with its session id)
    undo.push(() => network.stop());

    const postgresPlan = plan.postgres;
    const postgres = await configure(
      new PostgreSqlContainer(postgresPlan.source.image)
        .withDatabase(postgresPlan.database)
        .withUsername(postgresPlan.username)
        .withPassword(postgresPlan.password)
        // testcontainers' own check runs pg_isready through `docker exec` every 250 ms for the container's
        // whole life: on a 2-core machine that load is felt by the scenario. Once a second is enough.
        .withHealthCheck({
          test: [
            'CMD-SHELL',
            `pg_isready --host localhost --username ${postgresPlan.username} --dbname ${postgresPlan.database}`,
          ],
          interval: 1_000,
          timeout: 3_000,
          retries: 120,
        }),
      postgresPlan,
      network,
      labels,
    ).start();
    undo.push(() => postgres.stop());
    const databaseUrl = postgresUrl({ ...postgresPlan, host: postgres.getHost(), port: postgres.getPort() });
    const seeded = await migrateAndSeed(target, { databaseUrl, seed: options.seed });
    progress(
      `postgres ready on :${postgres.getPort()} (migrated${target.database.seed === undefined ? '' : ', seeded'})`,
    );

    const imageOf = (service: ContainerPlan): string => service.source.image;
    const redis = await configure(new GenericContainer(imageOf(plan.redis)), plan.redis, network, labels).start();
    undo.push(() => redis.stop());
    progress('redis ready');

    const toxiproxyContainer = await configure(
      new GenericContainer(imageOf(plan.toxiproxy)),
      plan.toxiproxy,
      network,
      labels,
    ).start();
    undo.push(() => toxiproxyContainer.stop());
    const toxiproxyUrl = `http://${toxiproxyContainer.getHost()}:${toxiproxyContainer.getMappedPort(plan.toxiproxy.apiPort)}`;
    const toxiproxy = new Toxiproxy(toxiproxyUrl);
    for (const proxy of plan.proxies)
      await toxiproxy.createProxy({ name: proxy.name, listen: proxy.listen, upstream: proxy.upstream });
    progress(
      `toxiproxy ready at ${toxiproxyUrl} (proxies: ${plan.proxies.map((proxy) => `${proxy.name} ${proxy.listen} → ${proxy.upstream}`).join(', ')})`,
    );

    const appPlan = plan.app;
    const fixtures = await prepareFixtures(target, { databaseUrl, appEnv: appPlan.env, seeded, seed: options.seed });
    // Built above (ensureTargetImage), which, unlike testcontainers' own build, says why a build
    // failed. Created now, started by startApp().
    const appHostPort = appPlan.exposedPorts[0]!.host!;
    const app = new AppContainer(
      client,
      {
        Image: appImage,
        Env: Object.entries(appPlan.env).map(([key, value]) => `${key}=${value}`),
        Labels: { ...labels, 'org.testcontainers': 'true' },
        ExposedPorts: { [`${appPlan.port}/tcp`]: {} },
        HostConfig: {
          NetworkMode: network.getName(),
          PortBindings: { [`${appPlan.port}/tcp`]: [{ HostPort: String(appHostPort) }] },
        },
        NetworkingConfig: { EndpointsConfig: { [network.getName()]: { Aliases: appPlan.networkAliases } } },
      },
      appPlan.port,
      appHostPort,
      now,
    );
    undo.push(() => app.remove(APP_STOP_GRACE_MS));
    await app.create();
    if (options.startApp ?? true) {
      await app.start();
      const readiness = appPlan.readiness;
      if (readiness.kind === 'http')
        await app.waitUntilReady(readiness.path, readiness.status, appPlan.startupTimeoutMs);
      progress(`app ready at http://${host}:${appHostPort}`);
    }

    let postgresRunning = true;
    let stopped = false;
    const environment: StartedEnvironment = {
      kind: 'containers',
      capabilities: { redis: true, processControl: true, postgresControl: true },
      appUrl: `http://${host}:${appHostPort}`,
      toxiproxyUrl,
      toxiproxy,
      dbProxyName: plan.proxies[0]!.name,
      redisProxyName: plan.proxies[1]!.name,
      databaseUrl,
      fixtures,
      appSettings: appPlan.env,
      now,
      onAppLog: (listener) => app.onLog(listener),
      onAppExit: (listener) => app.onExit(listener),
      onAppStart: (listener) => app.onStart(listener),
      startApp: () => app.start(),
      killApp: (signal = 'SIGKILL') => app.kill(signal),
      restartApp: async () => {
        await app.kill('SIGTERM');
        await app.start();
      },
      stopPostgres: async ({ mode = 'fast' }: { mode?: PostgresStopMode } = {}) => {
        if (!postgresRunning) return;
        const docker = client.container.getById(postgres.getId());
        await docker.kill({ signal: postgresPlan.stopSignals[mode] });
        await waitForStop(docker, POSTGRES_STOP_TIMEOUT_MS);
        postgresRunning = false;
      },
      startPostgres: async () => {
        if (postgresRunning) return;
        // docker restart of a stopped container starts it on the same data; the host port is pinned.
        await postgres.restart();
        postgresRunning = true;
      },
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await stopAll();
      },
      [Symbol.asyncDispose]: () => environment.stop(),
    };
    return environment;
  } catch (error) {
    await stopAll();
    throw new EnvironmentStartError(`the containers environment failed to start: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

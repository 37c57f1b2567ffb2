// The wiring of the containers environment as a pure function: images, aliases, ports, the app's
// environment and the Toxiproxy proxies. The app reaches PostgreSQL and Redis only through
// Toxiproxy (`toxiproxy:8666`, `toxiproxy:8667`), so every fault the harness injects is on its path.
// The app is the target's: its image, its settings and the names it reads the injected values under.
import type { TargetApp } from '../../target/types.ts';
import { DB_PROXY, REDIS_PROXY } from '../lifecycle.ts';
import type { ContainersPlan, ProxyPlan, ServiceName } from './containers-plan.ts';
import type { ImageSet } from './images/image-choice.ts';

export const POSTGRES_IMAGE = 'postgres:17-alpine';
export const REDIS_IMAGE = 'redis:7-alpine';
export const TOXIPROXY_IMAGE = 'ghcr.io/shopify/toxiproxy:2.12.0';
export const NODE_IMAGE = 'node:20-bookworm-slim';
/** The official images, used when no other choice is given. */
export const OFFICIAL_IMAGES: ImageSet = {
  postgres: POSTGRES_IMAGE,
  redis: REDIS_IMAGE,
  toxiproxy: TOXIPROXY_IMAGE,
  node: NODE_IMAGE,
};

export const ALIASES: Readonly<Record<ServiceName, string>> = {
  postgres: 'postgres',
  redis: 'redis',
  toxiproxy: 'toxiproxy',
  app: 'app',
};
export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;
export const TOXIPROXY_API_PORT = 8474;
export const DB_PROXY_LISTEN_PORT = 8666;
export const REDIS_PROXY_LISTEN_PORT = 8667;

const DATABASE = 'faultline';
const USERNAME = 'faultline';

/** The target's app as its container runs it. */
export interface AppContainerSpec {
  /** The app's image (built from the target's Dockerfile, or the target's own image). */
  image: string;
  /** The target's settings for this environment (`app.env`), then `app.container.env`. */
  settings: Readonly<Record<string, string>>;
  inject: TargetApp['inject'];
  /** The port it listens on inside its container. */
  port: number;
  /** The path whose 200 means it is serving. */
  readyPath: string;
}

export interface PlanOptions {
  app: AppContainerSpec;
  postgresPassword: string;
  /** Host port the app's port is pinned to, so `appUrl` survives killApp/startApp. */
  appHostPort: number;
  /** Host port PostgreSQL is pinned to, so `databaseUrl` survives stopPostgres/startPostgres. */
  postgresHostPort: number;
  /** Overrides of the app's environment, applied last (as in the embedded provider). */
  appEnv?: Record<string, string>;
  appStartupTimeoutMs?: number;
  /** The images to run (official ones, or the local stand-ins). */
  images?: ImageSet;
}

export function postgresUrl(parts: {
  username: string;
  password: string;
  host: string;
  port: number;
  database: string;
}): string {
  return `postgresql://${encodeURIComponent(parts.username)}:${encodeURIComponent(parts.password)}@${parts.host}:${parts.port}/${parts.database}`;
}

export function planContainers(options: PlanOptions): ContainersPlan {
  const proxies: ProxyPlan[] = [
    {
      name: DB_PROXY,
      listen: `0.0.0.0:${DB_PROXY_LISTEN_PORT}`,
      listenPort: DB_PROXY_LISTEN_PORT,
      upstream: `${ALIASES.postgres}:${POSTGRES_PORT}`,
    },
    {
      name: REDIS_PROXY,
      listen: `0.0.0.0:${REDIS_PROXY_LISTEN_PORT}`,
      listenPort: REDIS_PROXY_LISTEN_PORT,
      upstream: `${ALIASES.redis}:${REDIS_PORT}`,
    },
  ];
  const images = options.images ?? OFFICIAL_IMAGES;
  const credentials = { username: USERNAME, password: options.postgresPassword, database: DATABASE };
  const { app } = options;

  return {
    network: { aliases: { ...ALIASES } },
    postgres: {
      service: 'postgres',
      source: { kind: 'image', image: images.postgres },
      networkAliases: [ALIASES.postgres],
      // POSTGRES_DB/USER/PASSWORD, set by @testcontainers/postgresql from the fields below.
      env: { POSTGRES_DB: DATABASE, POSTGRES_USER: USERNAME, POSTGRES_PASSWORD: options.postgresPassword },
      // The embedded server's settings. fsync off loses nothing when only PostgreSQL dies (the OS
      // keeps its writes); synchronous_commit stays on so an immediate stop loses no acknowledged commit.
      command: ['postgres', '-c', 'max_connections=200', '-c', 'fsync=off'],
      exposedPorts: [{ container: POSTGRES_PORT, host: options.postgresHostPort }],
      wait: { kind: 'healthcheck-and-ports' },
      startupTimeoutMs: 120_000,
      ...credentials,
      stopSignals: { fast: 'SIGINT', immediate: 'SIGQUIT' },
    },
    redis: {
      service: 'redis',
      source: { kind: 'image', image: images.redis },
      networkAliases: [ALIASES.redis],
      env: {},
      command: undefined,
      exposedPorts: [],
      wait: { kind: 'log', message: 'Ready to accept connections' },
      startupTimeoutMs: 60_000,
    },
    toxiproxy: {
      service: 'toxiproxy',
      source: { kind: 'image', image: images.toxiproxy },
      networkAliases: [ALIASES.toxiproxy],
      env: {},
      command: undefined,
      exposedPorts: [{ container: TOXIPROXY_API_PORT }, ...proxies.map((proxy) => ({ container: proxy.listenPort }))],
      wait: { kind: 'http', method: 'GET', path: '/version', port: TOXIPROXY_API_PORT, status: 200 },
      startupTimeoutMs: 60_000,
      apiPort: TOXIPROXY_API_PORT,
    },
    proxies,
    app: {
      service: 'app',
      source: { kind: 'image', image: app.image },
      networkAliases: [ALIASES.app],
      env: {
        ...app.settings,
        [app.inject.port]: String(app.port),
        [app.inject.databaseUrl]: postgresUrl({ ...credentials, host: ALIASES.toxiproxy, port: DB_PROXY_LISTEN_PORT }),
        ...(app.inject.redisUrl === undefined
          ? {}
          : { [app.inject.redisUrl]: `redis://${ALIASES.toxiproxy}:${REDIS_PROXY_LISTEN_PORT}` }),
        ...options.appEnv,
      },
      command: undefined,
      exposedPorts: [{ container: app.port, host: options.appHostPort }],
      wait: { kind: 'running' },
      readiness: { kind: 'http', method: 'GET', path: app.readyPath, port: app.port, status: 200 },
      startupTimeoutMs: options.appStartupTimeoutMs ?? 120_000,
      port: app.port,
    },
    startOrder: ['postgres', 'redis', 'toxiproxy', 'app'],
  };
}

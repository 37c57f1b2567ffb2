// The containers environment's wiring, checked as data (it cannot be run without Docker here):
// the app reaches PostgreSQL and Redis only through Toxiproxy, every proxy points at the right
// service, every container is on the network under its alias, and the ports a caller needs are exposed.
import { describe, expect, it } from 'vitest';
import { DB_PROXY, REDIS_PROXY } from '../lifecycle.ts';
import type { ContainerPlan, ContainersPlan } from './containers-plan.ts';
import { planContainers, type PlanOptions } from './plan-containers.ts';

const SETTINGS = { HOST: '0.0.0.0', DB_POOL_MAX: '10', JWT_SECRET: 'a-secret-of-at-least-16-chars' };
const OPTIONS: PlanOptions = {
  app: {
    image: 'faultline-target/loans:latest',
    settings: SETTINGS,
    inject: { databaseUrl: 'DATABASE_URL', redisUrl: 'REDIS_URL', port: 'PORT' },
    port: 3000,
    readyPath: '/healthz',
  },
  postgresPassword: 'p4ss',
  appHostPort: 41_000,
  postgresHostPort: 41_001,
};

const plan = planContainers(OPTIONS);
const containers = (p: ContainersPlan): ContainerPlan[] => [p.postgres, p.redis, p.toxiproxy, p.app];
const proxy = (name: string) => plan.proxies.find((candidate) => candidate.name === name)!;
const exposed = (container: ContainerPlan): number[] => container.exposedPorts.map((port) => port.container);

describe('planContainers', () => {
  it('points the app at PostgreSQL through the Toxiproxy database proxy, never directly', () => {
    const url = new URL(plan.app.env.DATABASE_URL!);
    expect(url.protocol).toBe('postgresql:');
    expect(url.hostname).toBe(plan.network.aliases.toxiproxy);
    expect(Number(url.port)).toBe(proxy(DB_PROXY).listenPort);
    expect(Number(url.port)).toBe(8666);
    expect(url.username).toBe(plan.postgres.username);
    expect(url.password).toBe(plan.postgres.password);
    expect(url.pathname).toBe(`/${plan.postgres.database}`);
  });

  it('points the app at Redis through the Toxiproxy redis proxy', () => {
    const url = new URL(plan.app.env.REDIS_URL!);
    expect(url.protocol).toBe('redis:');
    expect(url.hostname).toBe('toxiproxy');
    expect(Number(url.port)).toBe(proxy(REDIS_PROXY).listenPort);
    expect(Number(url.port)).toBe(8667);
  });

  it('sends every proxy upstream to the right service alias and port', () => {
    expect(plan.proxies.map(({ name, listen, upstream }) => ({ name, listen, upstream }))).toEqual([
      { name: DB_PROXY, listen: '0.0.0.0:8666', upstream: 'postgres:5432' },
      { name: REDIS_PROXY, listen: '0.0.0.0:8667', upstream: 'redis:6379' },
    ]);
    for (const { upstream, listen, listenPort } of plan.proxies) {
      const host = upstream.split(':')[0]!;
      expect(containers(plan).some((container) => container.networkAliases.includes(host))).toBe(true);
      expect(host).not.toBe(plan.network.aliases.toxiproxy);
      expect(listen).toBe(`0.0.0.0:${listenPort}`);
    }
    expect(new Set(plan.proxies.map((p) => p.listenPort)).size).toBe(plan.proxies.length);
  });

  it('puts every container on the network under its own alias, and no alias twice', () => {
    expect(plan.network.aliases).toEqual({ postgres: 'postgres', redis: 'redis', toxiproxy: 'toxiproxy', app: 'app' });
    for (const container of containers(plan))
      expect(container.networkAliases).toContain(plan.network.aliases[container.service]);
    const all = containers(plan).flatMap((container) => container.networkAliases);
    expect(new Set(all).size).toBe(all.length);
  });

  it('runs exactly the Toxiproxy 2.12.0 image and exposes its API and every proxy listen port', () => {
    expect(plan.toxiproxy.source).toEqual({ kind: 'image', image: 'ghcr.io/shopify/toxiproxy:2.12.0' });
    expect(plan.toxiproxy.apiPort).toBe(8474);
    expect(exposed(plan.toxiproxy)).toEqual(expect.arrayContaining([8474, 8666, 8667]));
    for (const p of plan.proxies) expect(exposed(plan.toxiproxy)).toContain(p.listenPort);
    expect(plan.toxiproxy.wait).toEqual({ kind: 'http', method: 'GET', path: '/version', port: 8474, status: 200 });
  });

  it("starts the app with the target's settings and its port under the name the target reads it by", () => {
    expect(plan.app.env).toMatchObject(SETTINGS);
    expect(plan.app.env.PORT).toBe('3000');
  });

  it('injects under the names the target gives, and no Redis URL to an app without Redis', () => {
    const own = planContainers({
      ...OPTIONS,
      app: { ...OPTIONS.app, inject: { databaseUrl: 'PG_URL', port: 'HTTP_PORT' }, port: 8080 },
    });
    expect(new URL(own.app.env.PG_URL!).hostname).toBe('toxiproxy');
    expect(own.app.env.HTTP_PORT).toBe('8080');
    expect(own.app.env.DATABASE_URL).toBeUndefined();
    expect(Object.values(own.app.env).some((value) => value.startsWith('redis://'))).toBe(false);
    expect(own.app.exposedPorts).toEqual([{ container: 8080, host: 41_000 }]);
    expect(own.app.readiness).toMatchObject({ path: '/healthz', port: 8080 });
  });

  it('applies appEnv overrides last, over the defaults and the wiring', () => {
    const overridden = planContainers({
      ...OPTIONS,
      appEnv: { DB_QUERY_TIMEOUT_MS: '1000', APP_DEFECTS: 'health-always-ok', LOG_LEVEL: 'debug' },
    });
    expect(overridden.app.env).toMatchObject({
      DB_QUERY_TIMEOUT_MS: '1000',
      APP_DEFECTS: 'health-always-ok',
      LOG_LEVEL: 'debug',
    });
    expect(overridden.app.env.DB_POOL_MAX).toBe(SETTINGS.DB_POOL_MAX);
    expect(overridden.app.env.DATABASE_URL).toBe(plan.app.env.DATABASE_URL);
  });

  it("runs the target's image and waits for its ready path only when starting it itself", () => {
    expect(plan.app.source).toEqual({ kind: 'image', image: 'faultline-target/loans:latest' });
    expect(plan.app.exposedPorts).toEqual([{ container: 3000, host: 41_000 }]);
    expect(plan.app.readiness).toEqual({ kind: 'http', method: 'GET', path: '/healthz', port: 3000, status: 200 });
    expect(plan.app.wait).toEqual({ kind: 'running' });
  });

  it('pins PostgreSQL to a host port, with credentials the app URL uses, and stop signals as pg_ctl sends them', () => {
    expect(plan.postgres.source).toEqual({ kind: 'image', image: expect.stringMatching(/^postgres:1[67]-alpine$/) });
    expect(plan.postgres.exposedPorts).toEqual([{ container: 5432, host: 41_001 }]);
    expect(plan.postgres.env).toEqual({
      POSTGRES_DB: plan.postgres.database,
      POSTGRES_USER: plan.postgres.username,
      POSTGRES_PASSWORD: 'p4ss',
    });
    expect(plan.postgres.stopSignals).toEqual({ fast: 'SIGINT', immediate: 'SIGQUIT' });
    expect(plan.redis.source).toEqual({ kind: 'image', image: 'redis:7-alpine' });
  });

  it('starts the services the app depends on before the app', () => {
    expect(plan.startOrder.at(-1)).toBe('app');
    expect(plan.startOrder.indexOf('toxiproxy')).toBeGreaterThan(plan.startOrder.indexOf('postgres'));
    expect([...plan.startOrder].sort()).toEqual(['app', 'postgres', 'redis', 'toxiproxy']);
  });

  it('is plain data, the same for the same inputs', () => {
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    expect(planContainers(OPTIONS)).toEqual(plan);
  });

  it('escapes credentials in the app database URL', () => {
    const url = new URL(planContainers({ ...OPTIONS, postgresPassword: 'p@ss/w:rd' }).app.env.DATABASE_URL!);
    expect(decodeURIComponent(url.password)).toBe('p@ss/w:rd');
    expect(url.hostname).toBe('toxiproxy');
  });
});

// The containers environment's wiring, checked as data (it cannot be run without Docker here):
// the app reaches PostgreSQL and Redis only through Toxiproxy, every proxy points at the right
// service, every container is on the network under its alias, and the ports a caller needs are exposed.
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS } from '../../../target-app/faultline/settings.ts';
import { DB_PROXY, REDIS_PROXY } from '../lifecycle.ts';
import type { ContainerPlan, ContainersPlan } from './containers-plan.ts';
import { planContainers, type PlanOptions } from './plan-containers.ts';

const OPTIONS: PlanOptions = {
  repoRoot: '/repo',
  jwtSecret: 'a-secret-of-at-least-16-chars',
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

  it('starts the app with the default settings, listening on every interface of its container', () => {
    for (const [key, value] of Object.entries(DEFAULT_APP_SETTINGS)) {
      if (key === 'HOST') continue;
      expect(plan.app.env[key], key).toBe(value);
    }
    // 127.0.0.1 (the embedded default) would be unreachable through Docker's port mapping.
    expect(plan.app.env.HOST).toBe('0.0.0.0');
    expect(plan.app.env.PORT).toBe('3000');
    expect(plan.app.env.JWT_SECRET).toBe(OPTIONS.jwtSecret);
    // The harness migrates; the image must not also migrate through the startup race.
    expect(plan.app.env.MIGRATE_ON_START).toBe('false');
  });

  it('applies appEnv overrides last, over the defaults and the wiring', () => {
    const overridden = planContainers({
      ...OPTIONS,
      appEnv: { DB_QUERY_TIMEOUT_MS: '1000', TARGET_APP_DEFECTS: 'health-always-ok', LOG_LEVEL: 'debug' },
    });
    expect(overridden.app.env).toMatchObject({
      DB_QUERY_TIMEOUT_MS: '1000',
      TARGET_APP_DEFECTS: 'health-always-ok',
      LOG_LEVEL: 'debug',
    });
    expect(overridden.app.env.DB_POOL_MAX).toBe(DEFAULT_APP_SETTINGS.DB_POOL_MAX);
    expect(overridden.app.env.DATABASE_URL).toBe(plan.app.env.DATABASE_URL);
  });

  it('builds the app from target-app/Dockerfile at the repository root and waits for its health only when starting it itself', () => {
    expect(plan.app.source).toEqual({
      kind: 'dockerfile',
      context: '/repo',
      dockerfile: 'target-app/Dockerfile',
      buildArgs: { NODE_IMAGE: 'node:20-bookworm-slim' },
    });
    expect(plan.app.exposedPorts).toEqual([{ container: 3000, host: 41_000 }]);
    expect(plan.app.readiness).toEqual({
      kind: 'http',
      method: 'GET',
      path: '/api/v1/health',
      port: 3000,
      status: 200,
    });
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

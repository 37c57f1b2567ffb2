// A DOCKER_HOST that accepts connections and never answers would make testcontainers wait forever;
// the provider gives up after runtimeTimeoutMs instead. Its own file: testcontainers reads
// DOCKER_HOST once per process.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvironmentStartError } from '../lifecycle.ts';
import { startContainersEnvironment } from './containers-environment.ts';
import { repoTarget } from '../../testing/target.ts';

describe('a DOCKER_HOST that never answers', () => {
  const saved = process.env.DOCKER_HOST;
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    process.env.DOCKER_HOST = `tcp://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
  });

  it('gives up within runtimeTimeoutMs with ENVIRONMENT_START_FAILED', { timeout: 10_000 }, async () => {
    const target = await repoTarget();
    const started = performance.now();
    const error = await startContainersEnvironment({
      target,
      seed: 1,
      runtimeTimeoutMs: 1_000,
    }).catch((caught: unknown) => caught);
    const elapsedMs = performance.now() - started;
    expect(error).toBeInstanceOf(EnvironmentStartError);
    expect((error as EnvironmentStartError).code).toBe('ENVIRONMENT_START_FAILED');
    expect((error as Error).message).toMatch(
      /no Docker engine\/runtime answered within 1000 ms \(tried DOCKER_HOST=tcp:\/\/127\.0\.0\.1:\d+\)/,
    );
    expect(sockets.size).toBeGreaterThan(0);
    expect(elapsedMs).toBeGreaterThanOrEqual(950);
    expect(elapsedMs).toBeLessThan(3_000);
  });
});

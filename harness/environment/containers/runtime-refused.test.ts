// A DOCKER_HOST where nothing listens: testcontainers gives up ("Could not find a working container
// runtime strategy") and the provider reports that as ENVIRONMENT_START_FAILED, with the cause kept.
// Its own file: testcontainers reads DOCKER_HOST once per process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../lib/ports.ts';
import { EnvironmentStartError } from '../lifecycle.ts';
import { startContainersEnvironment } from './containers-environment.ts';
import { NoContainerRuntimeError } from './container-runtime.ts';
import { repoTarget } from '../../testing/target.ts';

describe('a DOCKER_HOST that refuses connections', () => {
  const saved = process.env.DOCKER_HOST;
  let dockerHost: string;
  beforeAll(async () => {
    dockerHost = `tcp://127.0.0.1:${await freePort()}`;
    process.env.DOCKER_HOST = dockerHost;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
  });

  it("fails with ENVIRONMENT_START_FAILED, wrapping testcontainers' own error", { timeout: 20_000 }, async () => {
    const error = await startContainersEnvironment({ target: await repoTarget(), seed: 1 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(EnvironmentStartError);
    expect((error as EnvironmentStartError).code).toBe('ENVIRONMENT_START_FAILED');
    expect((error as Error).message).toContain('no Docker engine/runtime was found working at');
    expect((error as Error).message).toContain(`DOCKER_HOST=${dockerHost}`);
    expect((error as Error).message).toContain('Could not find a working container runtime strategy');
    const cause = (error as Error).cause as Error;
    expect(cause).toBeInstanceOf(NoContainerRuntimeError);
    expect((cause.cause as Error).message).toBe('Could not find a working container runtime strategy');
  });
});

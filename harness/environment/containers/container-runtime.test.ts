// Without a Docker engine the containers provider fails fast with ENVIRONMENT_START_FAILED and says
// why, instead of hanging or failing deep inside testcontainers.
import { describe, expect, it } from 'vitest';
import { EnvironmentStartError } from '../lifecycle.ts';
import { startContainersEnvironment } from './containers-environment.ts';
import {
  connectContainerRuntime,
  defaultRuntimeLookup,
  NoContainerRuntimeError,
  presentRuntimeLocations,
  type RuntimeLookup,
} from './container-runtime.ts';
import { repoTarget } from '../../testing/target.ts';

const lookup = (overrides: Partial<RuntimeLookup> = {}): RuntimeLookup => ({
  env: {},
  homeDir: '/home/ci',
  uid: 1000,
  platform: 'linux',
  exists: () => false,
  ...overrides,
});

describe('presentRuntimeLocations', () => {
  it('finds nothing when there is no socket and no DOCKER_HOST', () => {
    expect(presentRuntimeLocations(lookup())).toEqual([]);
    expect(presentRuntimeLocations(lookup({ env: { DOCKER_HOST: '' } }))).toEqual([]);
  });

  it('finds DOCKER_HOST, the system socket and rootless sockets', () => {
    expect(presentRuntimeLocations(lookup({ env: { DOCKER_HOST: 'tcp://docker:2375' } }))).toEqual([
      'DOCKER_HOST=tcp://docker:2375',
    ]);
    expect(presentRuntimeLocations(lookup({ exists: (file) => file === '/var/run/docker.sock' }))).toEqual([
      '/var/run/docker.sock',
    ]);
    expect(
      presentRuntimeLocations(
        lookup({ env: { XDG_RUNTIME_DIR: '/run/user/1000' }, exists: (file) => file === '/run/user/1000/docker.sock' }),
      ),
    ).toEqual(['/run/user/1000/docker.sock']);
    expect(
      presentRuntimeLocations(lookup({ exists: (file) => file === '/home/ci/.docker/desktop/docker.sock' })),
    ).toEqual(['/home/ci/.docker/desktop/docker.sock']);
    expect(
      presentRuntimeLocations(lookup({ exists: (file) => file === '/home/ci/.testcontainers.properties' })),
    ).toEqual(['/home/ci/.testcontainers.properties']);
  });

  it('names only DOCKER_HOST when it is not a unix socket: every strategy dials it, not the sockets', () => {
    const everything = (): boolean => true;
    expect(
      presentRuntimeLocations(lookup({ env: { DOCKER_HOST: 'tcp://127.0.0.1:2375' }, exists: everything })),
    ).toEqual(['DOCKER_HOST=tcp://127.0.0.1:2375', '/home/ci/.testcontainers.properties']);
    expect(
      presentRuntimeLocations(
        lookup({ env: { DOCKER_HOST: 'tcp://127.0.0.1:2375' }, exists: (file) => file === '/var/run/docker.sock' }),
      ),
    ).toEqual(['DOCKER_HOST=tcp://127.0.0.1:2375']);
    expect(
      presentRuntimeLocations(
        lookup({ env: { DOCKER_HOST: 'unix:///tmp/podman.sock' }, exists: (file) => file === '/var/run/docker.sock' }),
      ),
    ).toEqual(['DOCKER_HOST=unix:///tmp/podman.sock', '/var/run/docker.sock']);
  });
});

describe('connectContainerRuntime', () => {
  it('gives up at once, naming where it looked, when no runtime location exists', async () => {
    const started = performance.now();
    const error = await connectContainerRuntime({ lookup: lookup() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NoContainerRuntimeError);
    expect((error as Error).message).toMatch(/no Docker engine\/runtime was found/);
    expect((error as Error).message).toContain('/var/run/docker.sock');
    expect((error as Error).message).toContain('DOCKER_HOST');
    expect(performance.now() - started).toBeLessThan(100);
  });
});

const present = presentRuntimeLocations(defaultRuntimeLookup());
const noRuntimeHere = present.length === 0;
if (!noRuntimeHere)
  console.warn(
    `container-runtime.test: the "machine without Docker" case is skipped — a runtime is present here (${present.join(', ')})`,
  );

describe.runIf(noRuntimeHere)('startContainersEnvironment on a machine without Docker', () => {
  it(
    'fails fast with ENVIRONMENT_START_FAILED and says that no Docker engine was found',
    { timeout: 10_000 },
    async () => {
      const progress: string[] = [];
      const target = await repoTarget();
      const started = performance.now();
      const error = await startContainersEnvironment({
        target,
        seed: 1,
        onProgress: (line) => progress.push(line),
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(EnvironmentStartError);
      expect((error as EnvironmentStartError).code).toBe('ENVIRONMENT_START_FAILED');
      expect((error as Error).message).toMatch(
        /^the containers environment failed to start: no Docker engine\/runtime was found/,
      );
      expect((error as Error).cause).toBeInstanceOf(NoContainerRuntimeError);
      expect(progress).toEqual([]);
      expect(performance.now() - started).toBeLessThan(2_000);
    },
  );
});

// Finding a Docker engine before anything else, and failing fast with a clear message when there
// is none. testcontainers looks in the places listed below (its runtime strategies); when none of
// them exists we do not ask it at all, and when one exists we bound how long it may take to answer
// (a DOCKER_HOST that accepts connections and never replies would otherwise hang the run).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getContainerRuntimeClient, type ContainerRuntimeClient } from 'testcontainers';
import { ExitCode, FaultlineError } from '../../cli/exit-codes.ts';

export const RUNTIME_TIMEOUT_MS = 15_000;

export class NoContainerRuntimeError extends FaultlineError {
  readonly code = 'NO_CONTAINER_RUNTIME';
  readonly exitCode = ExitCode.NotProven;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NoContainerRuntimeError';
  }
}

export interface RuntimeLookup {
  env: Record<string, string | undefined>;
  homeDir: string;
  uid: number;
  platform: NodeJS.Platform;
  exists: (file: string) => boolean;
}

export function defaultRuntimeLookup(): RuntimeLookup {
  return {
    env: process.env,
    homeDir: os.homedir(),
    uid: os.userInfo().uid,
    platform: process.platform,
    exists: existsSync,
  };
}

/** Every place testcontainers would look for a container runtime, in its order. */
export function runtimeLocations(lookup: RuntimeLookup): string[] {
  const { env, homeDir } = lookup;
  // $XDG_RUNTIME_DIR is usually /run/user/<uid>: name each place once.
  const locations = [
    '$DOCKER_HOST',
    path.join(homeDir, '.testcontainers.properties'),
    '/var/run/docker.sock',
    ...(env.XDG_RUNTIME_DIR === undefined ? [] : [path.join(env.XDG_RUNTIME_DIR, 'docker.sock')]),
    path.join(homeDir, '.docker', 'run', 'docker.sock'),
    path.join(homeDir, '.docker', 'desktop', 'docker.sock'),
    path.join('/run', 'user', String(lookup.uid), 'docker.sock'),
    ...(lookup.platform === 'win32' ? ['//./pipe/docker_engine'] : []),
  ];
  return [...new Set(locations)];
}

/**
 * A DOCKER_HOST other than a unix socket (tcp://, ssh://, npipe://) is dialled for every socket
 * strategy too: dockerode's modem lets the variable's host win over a strategy's socket path. With
 * it set, the engine it names is the only one testcontainers reaches, as with the docker CLI.
 */
function dockerHostReplacesSockets(env: RuntimeLookup['env']): boolean {
  const host = env.DOCKER_HOST ?? '';
  return host !== '' && !host.startsWith('unix://');
}

/** The locations that are present and reachable; empty means testcontainers cannot find a runtime. */
export function presentRuntimeLocations(lookup: RuntimeLookup): string[] {
  const onlyDockerHost = dockerHostReplacesSockets(lookup.env);
  return runtimeLocations(lookup)
    .filter((location) => {
      if (location === '$DOCKER_HOST') return (lookup.env.DOCKER_HOST ?? '') !== '';
      if (location.endsWith('.testcontainers.properties')) return lookup.exists(location);
      if (onlyDockerHost) return false;
      if (location.startsWith('//./pipe/')) return true;
      return lookup.exists(location);
    })
    .map((location) => (location === '$DOCKER_HOST' ? `DOCKER_HOST=${lookup.env.DOCKER_HOST}` : location));
}

const HINT =
  'The containers environment needs a Docker engine (or a compatible runtime such as Podman); use the embedded environment on machines without one.';

/** testcontainers' runtime client, or a NoContainerRuntimeError within `timeoutMs`. */
export async function connectContainerRuntime(
  options: { timeoutMs?: number; lookup?: RuntimeLookup } = {},
): Promise<ContainerRuntimeClient> {
  const lookup = options.lookup ?? defaultRuntimeLookup();
  const present = presentRuntimeLocations(lookup);
  if (present.length === 0) {
    throw new NoContainerRuntimeError(
      `no Docker engine/runtime was found: none of ${runtimeLocations(lookup).join(', ')} exists. ${HINT}`,
    );
  }
  const timeoutMs = options.timeoutMs ?? RUNTIME_TIMEOUT_MS;
  const connecting = getContainerRuntimeClient();
  // If we give up first, testcontainers' own failure must not surface later as an unhandled rejection.
  connecting.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new NoContainerRuntimeError(
            `no Docker engine/runtime answered within ${timeoutMs} ms (tried ${present.join(', ')}). ${HINT}`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([connecting, timedOut]);
  } catch (error) {
    if (error instanceof NoContainerRuntimeError) throw error;
    throw new NoContainerRuntimeError(
      `no Docker engine/runtime was found working at ${present.join(', ')}: ${(error as Error).message}. ${HINT}`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}

/**
 * testcontainers' defaults that fail where no image registry is reachable, changed unless the user set
 * them: its reaper (Ryuk) is an image it would pull, so it is off and every environment removes its own
 * containers and network in `stop()` (leftovers of a killed run carry the label org.testcontainers=true);
 * and on a local engine it would pull alpine to find the host's address, which is localhost.
 */
export function applyTestcontainersDefaults(env: Record<string, string | undefined>): void {
  env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  const dockerHost = env.DOCKER_HOST ?? '';
  if (dockerHost === '' || dockerHost.startsWith('unix://')) env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';
}

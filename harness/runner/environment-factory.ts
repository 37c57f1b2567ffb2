// Chooses and starts the environment a scenario runs in, and says up front what it will be able to
// do, so a scenario that needs a missing capability is skipped before anything starts.
import { InterruptedError, UsageError } from '../cli/exit-codes.ts';
import { startEmbeddedEnvironment } from '../environment/embedded/embedded-environment.ts';
import {
  startExternalEnvironment,
  type ExternalEnvironmentOptions,
} from '../environment/external/external-environment.ts';
import { findRedisServer, redisServerMissingReason } from '../environment/redis/redis-server.ts';
import type { ImageConfig } from '../environment/containers/images/image-choice.ts';
import type { EnvironmentCapabilities, EnvironmentKind, StartedEnvironment } from '../environment/types.ts';
import type { Target } from '../target/types.ts';

export interface EnvironmentChoice {
  kind: EnvironmentKind;
  /** The app under test: how it starts, its database, its requests. */
  target: Target;
  /** For `external`: where the stack is (the target, seed and app env are added per scenario). */
  external?: Omit<ExternalEnvironmentOptions, 'seed' | 'target' | 'appEnv'>;
  /** For `containers`: official images or the local stand-ins (default: auto). */
  images?: ImageConfig;
}

export interface EnvironmentRequest {
  seed: number;
  appEnv: Record<string, string>;
  /** App instances (default 1); only the embedded environment runs more than one. */
  instances?: number;
  onProgress?: (message: string) => void;
  /** Ctrl-C: no environment is left started; the start throws InterruptedError. */
  signal?: AbortSignal;
}

/** What the environment will be able to do, known before starting it. */
export function expectedCapabilities(choice: Omit<EnvironmentChoice, 'target'>): EnvironmentCapabilities {
  switch (choice.kind) {
    case 'embedded':
      return { redis: findRedisServer() !== undefined, processControl: true, postgresControl: true };
    case 'containers':
      return { redis: true, processControl: true, postgresControl: true };
    case 'external':
      return { redis: choice.external?.redisProxyName !== undefined, processControl: false, postgresControl: false };
  }
}

export function missingCapabilityReason(
  needs: EnvironmentCapabilities,
  capabilities: EnvironmentCapabilities,
  kind: EnvironmentKind,
  instances = 1,
): string | undefined {
  if (instances > 1 && kind !== 'embedded')
    return `needs ${instances} app instances behind a load balancer, which only the embedded environment runs`;
  if (needs.redis && !capabilities.redis)
    return kind === 'embedded'
      ? `needs Redis, and ${redisServerMissingReason()}`
      : 'needs Redis, and the environment has no Redis proxy';
  if (needs.processControl && !capabilities.processControl)
    return `needs control of the app process, which the ${kind} environment does not have`;
  if (needs.postgresControl && !capabilities.postgresControl)
    return `needs to stop and start PostgreSQL, which the ${kind} environment cannot do`;
  return undefined;
}

/**
 * Starts the chosen environment (the app not yet started). An interrupt before or during the start
 * stops whatever came up and throws InterruptedError: after Ctrl-C nothing new keeps running.
 */
export async function startEnvironment(
  choice: EnvironmentChoice,
  request: EnvironmentRequest,
): Promise<StartedEnvironment> {
  const interrupted = (): InterruptedError => new InterruptedError('interrupted before the environment started');
  if (request.signal?.aborted) throw interrupted();
  const env = await startProvider(choice, request);
  if (request.signal?.aborted) {
    await env.stop();
    throw interrupted();
  }
  return env;
}

async function startProvider(choice: EnvironmentChoice, request: EnvironmentRequest): Promise<StartedEnvironment> {
  switch (choice.kind) {
    case 'embedded':
      return startEmbeddedEnvironment({
        target: choice.target,
        seed: request.seed,
        appEnv: request.appEnv,
        instances: request.instances,
        startApp: false,
        onProgress: request.onProgress,
        signal: request.signal,
      });
    case 'containers': {
      const { startContainersEnvironment } = await import('../environment/containers/containers-environment.ts');
      return startContainersEnvironment({
        target: choice.target,
        seed: request.seed,
        appEnv: request.appEnv,
        startApp: false,
        onProgress: request.onProgress,
        images: choice.images,
      });
    }
    case 'external':
      if (choice.external === undefined)
        throw new UsageError('the external environment needs --app-url, --toxiproxy-url and --database-url');
      return startExternalEnvironment({
        ...choice.external,
        target: choice.target,
        appEnv: request.appEnv,
        seed: request.seed,
      });
  }
}

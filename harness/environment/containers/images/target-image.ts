// The target's own app image for the containers environment, from its `app.container`: an image run
// as it is (pulled when the engine lacks it), or a Dockerfile built here. A build always runs: Docker's
// layer cache is what knows whether the image is current (about a second when nothing changed), and
// a failed build says why with the build's last lines. A target without a container is refused.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findConfigFile } from '../../../target/load-target.ts';
import { TargetError } from '../../../target/define.ts';
import type { Target, TargetContainer } from '../../../target/types.ts';
import { dockerCli, ImageBuildError, imageLabel, runCommand } from './build-images.ts';

/** The app's container port when the target does not name one. */
export const DEFAULT_APP_CONTAINER_PORT = 3000;

function targetProblem(target: Target, message: string): TargetError {
  return new TargetError([{ path: 'app.container', message }], findConfigFile(target.root));
}

/** The target's container, or a TargetError (exit 2) saying what to add. */
export function targetContainer(target: Target): TargetContainer {
  const container = target.app.container;
  if (container === undefined)
    throw targetProblem(
      target,
      `the containers environment runs the app in a container: expected app.container, { dockerfile: 'Dockerfile' } or { image: 'name:tag' } (target ${target.name})`,
    );
  if ('dockerfile' in container) {
    const dockerfile = path.resolve(target.root, container.dockerfile);
    if (!existsSync(dockerfile)) throw targetProblem(target, `expected a Dockerfile at ${dockerfile}; there is none`);
    const context = path.resolve(target.root, container.context ?? '.');
    if (!existsSync(context))
      throw targetProblem(target, `expected a build context folder at ${context}; there is none`);
  }
  return container;
}

/** The tag a target's built image gets: `faultline-target/<name>:latest`. */
export function targetImageTag(target: Pick<Target, 'name'>): string {
  const slug =
    target.name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-._]+/, '') || 'app';
  return `faultline-target/${slug}:latest`;
}

export interface TargetImage {
  tag: string;
  status: 'built' | 'present' | 'pulled';
  durationMs: number;
}

/** Build (or find, or pull) the target's app image; `nodeImage` fills its `nodeImageArg`. */
export async function ensureTargetImage(
  target: Target,
  options: { nodeImage: string; onProgress?: (message: string) => void },
): Promise<TargetImage> {
  const container = targetContainer(target);
  const started = performance.now();
  const took = (): number => performance.now() - started;
  if ('image' in container) {
    if ((await imageLabel(container.image)) !== undefined)
      return { tag: container.image, status: 'present', durationMs: took() };
    options.onProgress?.(`pulling ${container.image} …`);
    try {
      await runCommand([dockerCli(), 'pull', container.image]);
    } catch (error) {
      throw new ImageBuildError(container.image, `pulling ${container.image} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return { tag: container.image, status: 'pulled', durationMs: took() };
  }
  const tag = targetImageTag(target);
  const buildArgs =
    container.nodeImageArg === undefined ? [] : ['--build-arg', `${container.nodeImageArg}=${options.nodeImage}`];
  options.onProgress?.(`building ${tag} from ${container.dockerfile} (Docker's cache keeps what is current) …`);
  try {
    await runCommand([
      dockerCli(),
      'build',
      '--force-rm',
      '--pull=false',
      ...buildArgs,
      '-f',
      path.resolve(target.root, container.dockerfile),
      '-t',
      tag,
      path.resolve(target.root, container.context ?? '.'),
    ]);
  } catch (error) {
    throw new ImageBuildError(tag, `building ${tag} failed: ${(error as Error).message}`, { cause: error });
  }
  return { tag, status: 'built', durationMs: took() };
}

/** The port the app listens on inside its container. */
export function appContainerPort(container: TargetContainer): number {
  return container.port ?? DEFAULT_APP_CONTAINER_PORT;
}

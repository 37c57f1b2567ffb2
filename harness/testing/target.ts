// The repository's own target (faultline.config.ts at its root: the reference app), for tests that
// start a real app. Loaded like any user's config, so these tests also prove the config loads.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTarget } from '../target/load-target.ts';
import type { Target } from '../target/types.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let loaded: Promise<Target> | undefined;

export function repoTarget(): Promise<Target> {
  loaded ??= loadTarget({ cwd: REPO_ROOT });
  return loaded;
}

// Finds and loads the target a command runs against: the file given with --target, or the
// faultline.config.* in the working folder. A config is TypeScript or JavaScript, loaded with tsx so
// that plain Node runs it too. Its relative paths are resolved from its own folder.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { UsageError } from '../cli/exit-codes.ts';
import { defineTarget, TargetError } from './define.ts';
import type { Target, TargetDefinition } from './types.ts';

export const CONFIG_FILES = [
  'faultline.config.ts',
  'faultline.config.mts',
  'faultline.config.mjs',
  'faultline.config.js',
];

/** The config file a command would load from `cwd`, or undefined when there is none. */
export function findConfigFile(cwd: string): string | undefined {
  return CONFIG_FILES.map((name) => path.join(cwd, name)).find((file) => existsSync(file));
}

export async function loadTarget(options: { file?: string; cwd?: string } = {}): Promise<Target> {
  const cwd = options.cwd ?? process.cwd();
  const file = options.file === undefined ? findConfigFile(cwd) : path.resolve(cwd, options.file);
  if (file === undefined)
    throw new UsageError(
      `no ${CONFIG_FILES[0]} in ${cwd}: run \`faultline init\` to write one for this project, or pass --target FILE`,
    );
  if (!existsSync(file)) throw new UsageError(`--target ${options.file}: no such file`);
  const relative = path.relative(cwd, file) || file;
  let loaded: { default?: unknown };
  try {
    loaded = (await tsImport(pathToFileURL(file).href, import.meta.url)) as { default?: unknown };
  } catch (error) {
    if (error instanceof TargetError) throw new TargetError(error.problems, relative, { cause: error });
    throw new UsageError(`${relative}: could not be loaded: ${(error as Error).message}`, { cause: error });
  }
  const definition = loaded.default;
  if (typeof definition !== 'object' || definition === null)
    throw new TargetError([{ path: '(root)', message: 'expected `export default defineTarget({ ... })`' }], relative);
  try {
    defineTarget(definition as TargetDefinition);
  } catch (error) {
    if (error instanceof TargetError) throw new TargetError(error.problems, relative, { cause: error });
    throw error;
  }
  return { ...(definition as TargetDefinition), root: path.dirname(file) };
}

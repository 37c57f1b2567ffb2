// Finds and loads the target a command runs against: the file given with --target, or the
// faultline.config.* in the working folder. A config is TypeScript or JavaScript, loaded with tsx so
// that plain Node runs it too. Its relative paths are resolved from its own folder.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { UsageError } from '../cli/exit-codes.ts';
import { defineTarget, TargetError } from './define.ts';
import { resolveFaultlineToSelf } from './self-resolve.ts';
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

/** Whether Node reads a `.ts`/`.js` file here as an ES module: its nearest package.json says "module". */
function inModulePackage(file: string): boolean {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest))
      return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type === 'module';
    if (path.dirname(dir) === dir) return false;
  }
}

/**
 * A config is an ES module whatever its package says: most Express apps are CommonJS packages, where
 * a `.ts` file would load as CommonJS and its `import` of Faultline with it. Such a file is imported
 * through a sibling `.mts` copy (relative imports still resolve), removed at once.
 */
async function importAsModule(file: string): Promise<unknown> {
  const extension = path.extname(file);
  if (extension === '.mts' || extension === '.mjs' || inModulePackage(file))
    return tsImport(pathToFileURL(file).href, import.meta.url);
  const copy = path.join(
    path.dirname(file),
    `.${path.basename(file, extension)}.${randomBytes(4).toString('hex')}${extension === '.ts' ? '.mts' : '.mjs'}`,
  );
  writeFileSync(copy, readFileSync(file));
  try {
    return await tsImport(pathToFileURL(copy).href, import.meta.url);
  } finally {
    rmSync(copy, { force: true });
  }
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
  resolveFaultlineToSelf();
  try {
    loaded = (await importAsModule(file)) as { default?: unknown };
  } catch (error) {
    // The config's own defineTarget threw: by its code, as the config may hold another copy of the class.
    const invalid = error as Partial<TargetError> | null;
    if (invalid?.code === 'TARGET_INVALID' && Array.isArray(invalid.problems))
      throw new TargetError(invalid.problems, relative, { cause: error });
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

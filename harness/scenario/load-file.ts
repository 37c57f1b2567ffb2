// Loading scenario and suite files: import the module, take its default export, and attribute any
// ScenarioError to the file. Anything that is not a defineScenario/defineSuite value is a
// ScenarioError too, so the CLI has one error to map to exit code 2. A scenario may also be data
// (.json, .yaml): the same fields, faults written as { type, ...options } — validated by the same
// schema, whose faults come from the fault registry.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { importUserModule } from '../lib/import-user-module.ts';
import { isScenario, validateScenario, withFile } from './define.ts';
import { ScenarioError } from './errors.ts';
import { isSuite } from './suite.ts';
import type { Scenario, Suite } from './types.ts';

async function importDefault(file: string): Promise<unknown> {
  const absolute = path.resolve(file);
  const exists = await stat(absolute).then(
    (info) => info.isFile(),
    () => false,
  );
  if (!exists) throw new ScenarioError([{ path: '(file)', message: 'expected an existing scenario file' }], file);
  try {
    const module = (await importUserModule(absolute)) as { default?: unknown };
    return module.default;
  } catch (error) {
    if (error instanceof ScenarioError) throw error.withFile(file);
    throw new ScenarioError(
      [{ path: '(module)', message: `the file could not be loaded: ${(error as Error)?.message ?? String(error)}` }],
      file,
      { cause: error },
    );
  }
}

/** A scenario written as data rather than a module. */
export const isDataFile = (file: string): boolean => /\.(json|ya?ml)$/i.test(file);

async function loadDataScenario(file: string): Promise<Scenario> {
  const text = await readFile(path.resolve(file), 'utf8').catch((error: unknown) => {
    throw new ScenarioError([{ path: '(file)', message: 'expected an existing scenario file' }], file, {
      cause: error,
    });
  });
  let data: unknown;
  try {
    data = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ScenarioError([{ path: '(file)', message: `expected JSON or YAML: ${(error as Error).message}` }], file, {
      cause: error,
    });
  }
  try {
    return withFile(validateScenario(data), file);
  } catch (error) {
    throw error instanceof ScenarioError ? error.withFile(file) : error;
  }
}

/** Imports a scenario file; its default export must be `defineScenario({...})`. */
export async function loadScenarioFile(file: string): Promise<Scenario> {
  if (isDataFile(file)) return loadDataScenario(file);
  const value = await importDefault(file);
  if (!isScenario(value))
    throw new ScenarioError(
      [{ path: '(default export)', message: 'expected `export default defineScenario({...})`' }],
      file,
    );
  return withFile(value, file);
}

/** Imports a suite file; its default export must be `defineSuite({...})`. */
export async function loadSuiteFile(file: string): Promise<Suite> {
  const value = await importDefault(file);
  if (!isSuite(value))
    throw new ScenarioError(
      [{ path: '(default export)', message: 'expected `export default defineSuite({...})`' }],
      file,
    );
  return { ...value, file };
}

/** A scenario or a suite, whichever the file default-exports. */
export async function loadScenarioOrSuiteFile(
  file: string,
): Promise<{ kind: 'scenario'; scenario: Scenario } | { kind: 'suite'; suite: Suite }> {
  if (isDataFile(file)) return { kind: 'scenario', scenario: await loadDataScenario(file) };
  const value = await importDefault(file);
  if (isScenario(value)) return { kind: 'scenario', scenario: withFile(value, file) };
  if (isSuite(value)) return { kind: 'suite', suite: { ...value, file } };
  throw new ScenarioError(
    [{ path: '(default export)', message: 'expected `export default defineScenario({...})` or `defineSuite({...})`' }],
    file,
  );
}

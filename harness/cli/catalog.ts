// Finds scenarios and suites by name (or by path), for `run`, `list`, `matrix`, `k6 export` and
// `doctor`: first in the target's own folder (its `scenarios` field: what only makes sense for that
// app, and suites that replace the catalog's of the same name), then in the catalog, scenarios/,
// whose scenarios speak of request kinds and the target's bounds, so they run against any target.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDataFile } from '../scenario/load-file.ts';
import { loadScenarioFile, loadScenarioOrSuiteFile, loadSuiteFile, ScenarioError } from '../scenario/index.ts';
import type { Scenario, Suite } from '../scenario/types.ts';
import type { Target } from '../target/types.ts';

const HERE = fileURLToPath(import.meta.url);
export const SCENARIOS_DIR = path.resolve(path.dirname(HERE), '..', '..', 'scenarios');
/** The catalog is compiled with this file: `.ts` in the repository, `.js` in the package's dist/. */
const EXT = path.extname(HERE) === '.ts' ? '.ts' : '.js';
/** A target's own folder is the user's source: whatever Faultline can load. */
const USER_EXTS = ['.ts', '.mts', '.js', '.mjs', '.json', '.yaml', '.yml'];

export interface Catalog {
  scenarios: Scenario[];
  suites: Suite[];
}

/** Where scenarios are looked up for this target, its own folder first. */
interface Folder {
  dir: string;
  exts: readonly string[];
}

function foldersFor(target: Pick<Target, 'scenarios' | 'root'> | undefined): Folder[] {
  const catalog = { dir: SCENARIOS_DIR, exts: [EXT] };
  return target?.scenarios === undefined
    ? [catalog]
    : [{ dir: path.resolve(target.root, target.scenarios), exts: USER_EXTS }, catalog];
}

const SUITE = /\.suite\.[a-z]+$/;

async function files(folder: Folder, kind: 'scenario' | 'suite'): Promise<string[]> {
  const names = await fs.readdir(folder.dir);
  return names
    .filter((name) => {
      const ext = path.extname(name);
      if (!folder.exts.includes(ext) || name.includes('.test.') || name === `bounds${ext}`) return false;
      return (kind === 'suite') === SUITE.test(name);
    })
    .sort()
    .map((name) => path.join(folder.dir, name));
}

/** Every scenario and suite the target can run: its own, then the catalog's it does not replace. */
export async function loadCatalog(target?: Pick<Target, 'scenarios' | 'root'>): Promise<Catalog> {
  const catalog: Catalog = { scenarios: [], suites: [] };
  for (const folder of foldersFor(target)) {
    const scenarios = await Promise.all((await files(folder, 'scenario')).map((file) => loadScenarioFile(file)));
    const suites = await Promise.all((await files(folder, 'suite')).map((file) => loadSuiteFile(file)));
    catalog.scenarios.push(...scenarios.filter((s) => !catalog.scenarios.some((known) => known.name === s.name)));
    catalog.suites.push(...suites.filter((s) => !catalog.suites.some((known) => known.name === s.name)));
  }
  return catalog;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/** The scenarios one name stands for: a suite or a scenario of the target's folder, else the catalog's. */
async function byName(name: string, folders: readonly Folder[]): Promise<Scenario[] | undefined> {
  for (const folder of folders)
    for (const ext of folder.exts) {
      const suiteFile = path.join(folder.dir, `${name}.suite${ext}`);
      if (await exists(suiteFile)) return (await loadSuiteFile(suiteFile)).scenarios;
      const scenarioFile = path.join(folder.dir, `${name}${ext}`);
      if (await exists(scenarioFile)) return [await loadScenarioFile(scenarioFile)];
    }
  return undefined;
}

/** Each argument is a scenario name, a suite name, or a path to a scenario or suite file. */
export async function resolveTargets(
  names: readonly string[],
  target?: Pick<Target, 'scenarios' | 'root'>,
): Promise<Scenario[]> {
  const folders = foldersFor(target);
  const chosen: Scenario[] = [];
  for (const name of names) {
    if (/\.[mc]?[jt]s$/.test(name) || isDataFile(name) || name.includes('/')) {
      const loaded = await loadScenarioOrSuiteFile(name);
      chosen.push(...(loaded.kind === 'scenario' ? [loaded.scenario] : loaded.suite.scenarios));
      continue;
    }
    const found = await byName(name, folders);
    if (found === undefined) {
      const catalog = await loadCatalog(target);
      throw new ScenarioError(
        [
          {
            path: '(argument)',
            message: `expected a scenario or suite name; known scenarios: ${catalog.scenarios.map((s) => s.name).join(', ')}; suites: ${catalog.suites.map((s) => s.name).join(', ')}`,
          },
        ],
        name,
      );
    }
    chosen.push(...found);
  }
  return chosen.filter((scenario, index) => chosen.findIndex((other) => other.name === scenario.name) === index);
}

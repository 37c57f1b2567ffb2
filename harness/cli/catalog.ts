// Finds scenarios and suites by name in scenarios/ (or by path), for `run` and `list`.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDataFile } from '../scenario/load-file.ts';
import { loadScenarioFile, loadScenarioOrSuiteFile, loadSuiteFile, ScenarioError } from '../scenario/index.ts';
import type { Scenario, Suite } from '../scenario/types.ts';

const HERE = fileURLToPath(import.meta.url);
export const SCENARIOS_DIR = path.resolve(path.dirname(HERE), '..', '..', 'scenarios');
/** The catalog is compiled with this file: `.ts` in the repository, `.js` in the package's dist/. */
const EXT = path.extname(HERE) === '.ts' ? '.ts' : '.js';

export interface Catalog {
  scenarios: Scenario[];
  suites: Suite[];
}

async function files(kind: 'scenario' | 'suite'): Promise<string[]> {
  const names = await fs.readdir(SCENARIOS_DIR);
  const isSuite = (name: string): boolean => name.endsWith(`.suite${EXT}`);
  return names
    .filter(
      (name) =>
        name.endsWith(EXT) &&
        !name.endsWith(`.test${EXT}`) &&
        (kind === 'suite') === isSuite(name) &&
        name !== `bounds${EXT}`,
    )
    .sort()
    .map((name) => path.join(SCENARIOS_DIR, name));
}

export async function loadCatalog(): Promise<Catalog> {
  const scenarios = await Promise.all((await files('scenario')).map((file) => loadScenarioFile(file)));
  const suites = await Promise.all((await files('suite')).map((file) => loadSuiteFile(file)));
  return { scenarios, suites };
}

/** Each argument is a scenario name, a suite name, or a path to a scenario or suite file. */
export async function resolveTargets(targets: readonly string[]): Promise<Scenario[]> {
  const chosen: Scenario[] = [];
  for (const target of targets) {
    if (/\.[mc]?[jt]s$/.test(target) || isDataFile(target) || target.includes('/')) {
      const loaded = await loadScenarioOrSuiteFile(target);
      chosen.push(...(loaded.kind === 'scenario' ? [loaded.scenario] : loaded.suite.scenarios));
      continue;
    }
    const suiteFile = path.join(SCENARIOS_DIR, `${target}.suite${EXT}`);
    const scenarioFile = path.join(SCENARIOS_DIR, `${target}${EXT}`);
    if (
      await fs.stat(suiteFile).then(
        () => true,
        () => false,
      )
    )
      chosen.push(...(await loadSuiteFile(suiteFile)).scenarios);
    else if (
      await fs.stat(scenarioFile).then(
        () => true,
        () => false,
      )
    )
      chosen.push(await loadScenarioFile(scenarioFile));
    else {
      const catalog = await loadCatalog();
      throw new ScenarioError(
        [
          {
            path: '(argument)',
            message: `expected a scenario or suite name; known scenarios: ${catalog.scenarios.map((s) => s.name).join(', ')}; suites: ${catalog.suites.map((s) => s.name).join(', ')}`,
          },
        ],
        target,
      );
    }
  }
  return chosen.filter((scenario, index) => chosen.findIndex((other) => other.name === scenario.name) === index);
}

// The catalog stays whole: every scenario file is in the release suite (which `npm run chaos` and
// the defect matrix run) and has its line in README.md's "Scenario catalog".
import fs from 'node:fs/promises';
import { expect, it } from 'vitest';
import { loadCatalog } from '../harness/cli/catalog.ts';
import release from './release.suite.ts';

it('puts every scenario in the release suite and in the README catalog', async () => {
  const { scenarios } = await loadCatalog();
  const readme = await fs.readFile(new URL('../README.md', import.meta.url), 'utf8');
  const catalog = readme.slice(readme.indexOf('## Scenario catalog'), readme.indexOf('## The defect matrix'));
  expect(catalog.length).toBeGreaterThan(0);
  for (const scenario of scenarios) {
    expect(
      release.scenarios.map((s) => s.name),
      `${scenario.name} is in the release suite`,
    ).toContain(scenario.name);
    expect(catalog, `README.md's catalog has a line for ${scenario.name}`).toContain(`| \`${scenario.name}\` |`);
  }
});

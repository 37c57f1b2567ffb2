// The catalog stays whole: every scenario file is in the release suite (which `npm run chaos` and
// the defect matrix run) and has its line in README.md's "Scenario catalog" — the catalog's own for
// any target, and the reference app's own (marked †) in its release suite, which extends the catalog's.
import fs from 'node:fs/promises';
import { expect, it } from 'vitest';
import { loadCatalog, resolveTargets } from '../harness/cli/catalog.ts';
import { repoTarget } from '../harness/testing/target.ts';
import release from './release.suite.ts';

it('puts every scenario in the release suite and in the README catalog', async () => {
  const target = await repoTarget();
  const own = new Set((await loadCatalog()).scenarios.map((s) => s.name));
  const { scenarios } = await loadCatalog(target);
  const referenceRelease = (await resolveTargets(['release'], target)).map((s) => s.name);
  const readme = await fs.readFile(new URL('../README.md', import.meta.url), 'utf8');
  const catalog = readme.slice(readme.indexOf('## Scenario catalog'), readme.indexOf('## The defect matrix'));
  expect(catalog.length).toBeGreaterThan(0);
  expect(scenarios.length).toBeGreaterThan(own.size);
  for (const scenario of scenarios) {
    const general = own.has(scenario.name);
    if (general) expect(release.scenarios.map((s) => s.name)).toContain(scenario.name);
    expect(referenceRelease, `${scenario.name} is in the reference app's release suite`).toContain(scenario.name);
    const line = general ? `| \`${scenario.name}\` |` : `| \`${scenario.name}\` † |`;
    expect(catalog, `README.md's catalog has a line for ${scenario.name}`).toContain(line);
  }
});

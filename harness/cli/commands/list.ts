// `faultline list`: the scenario catalog and the suites, with what each reproduces.
import { parseArgs } from 'node:util';
import type { Command } from '../command.ts';
import { ExitCode, UsageError } from '../exit-codes.ts';
import { loadCatalog } from '../catalog.ts';
import { TARGET_OPTION } from '../flags.ts';
import { findConfigFile, loadTarget } from '../../target/load-target.ts';

export const listCommand: Command = {
  name: 'list',
  summary: "List the scenarios and suites: the catalog's, and the target's own when its config names them",
  usage: 'faultline list [--json] [--target FILE]',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, ...TARGET_OPTION },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    // Without a config (or with --target), the catalog alone; a config that is there must be valid.
    const target =
      values.target !== undefined || findConfigFile(process.cwd()) !== undefined
        ? await loadTarget({ file: values.target })
        : undefined;
    const catalog = await loadCatalog(target);
    if (values.json === true) {
      console.log(
        JSON.stringify(
          {
            scenarios: catalog.scenarios.map((s) => ({
              name: s.name,
              description: s.description,
              needs: s.needs,
              durationMs: s.durationMs,
            })),
            suites: catalog.suites.map((s) => ({
              name: s.name,
              description: s.description,
              scenarios: s.scenarios.map((x) => x.name),
            })),
          },
          null,
          2,
        ),
      );
      return ExitCode.Ok;
    }
    console.log('Scenarios:');
    const width = Math.max(...catalog.scenarios.map((s) => s.name.length));
    for (const scenario of catalog.scenarios) {
      const needs = Object.entries(scenario.needs)
        .filter(([, needed]) => needed)
        .map(([what]) => what);
      console.log(
        `  ${scenario.name.padEnd(width)}  ${(scenario.durationMs / 1_000).toFixed(0).padStart(3)} s  ${scenario.description.split('. ')[0]}.${needs.length > 0 ? ` [needs ${needs.join(', ')}]` : ''}`,
      );
    }
    console.log('\nSuites:');
    for (const suite of catalog.suites)
      console.log(`  ${suite.name}: ${suite.scenarios.map((s) => s.name).join(', ')}`);
    return ExitCode.Ok;
  },
};

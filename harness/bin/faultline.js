#!/usr/bin/env node
// The `faultline` command, in the two places it lives:
// - this repository, where the harness is TypeScript run through tsx, with no build step;
// - the installed package, which ships this file and dist/ (compiled JavaScript, `npm run build`)
//   but no TypeScript source.
// What decides is whether the source is next to this file, never whether dist/ exists: `npm pack`
// leaves a dist/ in the repository, and a rule that preferred it would run yesterday's build after
// today's edit. The source is always here in the repository and never in the package.
import { existsSync } from 'node:fs';

const FROM_SOURCE = existsSync(new URL('../cli/main.ts', import.meta.url));
const argv = process.argv.slice(2);

if (FROM_SOURCE) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { main, exitOnStrayError } = await import(FROM_SOURCE ? '../cli/main.ts' : '../../dist/harness/cli/main.js');
exitOnStrayError();
process.exitCode = await main(argv);

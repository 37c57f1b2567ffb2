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
  // The reference app imports the generated Prisma client, which `npm ci` does not make: it is made
  // here, before a command that starts the app runs (a no-op when current). The others never load it:
  // the fault proxy's image ships the harness without the reference app, and `doctor` only reports on it.
  const STARTS_THE_APP = new Set(['run', 'up', 'matrix']);
  if (STARTS_THE_APP.has(argv[0])) {
    const { ensureGeneratedClient } = await import('../../prisma/tools/generated-client.mjs');
    const generated = ensureGeneratedClient({ say: (line) => process.stderr.write(`faultline: ${line}\n`) });
    if (!generated.ok) {
      process.stderr.write(
        `${generated.output}\nfaultline: the Prisma client could not be generated (above); the reference app cannot start without it. \`npm run generate\` retries, \`npx faultline doctor\` checks this machine.\n`,
      );
      // 3 (ExitCode.NotProven): the environment, not a verdict (harness/cli/exit-codes.ts).
      process.exit(3);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
}
const { main, exitOnStrayError } = await import(FROM_SOURCE ? '../cli/main.ts' : '../../dist/harness/cli/main.js');
exitOnStrayError();
process.exitCode = await main(argv);

#!/usr/bin/env node
// The `faultline` command. The harness is TypeScript run through tsx, so there is no build step.
// The reference app imports the generated Prisma client, which `npm ci` does not make: it is made
// here, before a command that starts the app runs (a no-op when current). The others never load it:
// the fault proxy's image ships the harness without the reference app, and `doctor` only reports on it.
import { register } from 'tsx/esm/api';

const STARTS_THE_APP = new Set(['run', 'up', 'matrix']);
const argv = process.argv.slice(2);
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
register();
const { main, exitOnStrayError } = await import('../cli/main.ts');
exitOnStrayError();
process.exitCode = await main(argv);

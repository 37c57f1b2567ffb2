#!/usr/bin/env node
// The `faultline` command. The harness is TypeScript run through tsx, so there is no build step.
// The reference app imports the generated Prisma client, which `npm ci` does not make: it is made
// here, before any command runs (a no-op when current). `doctor` only reports on it.
import { register } from 'tsx/esm/api';
import { ensureGeneratedClient } from '../../prisma/tools/generated-client.mjs';

const argv = process.argv.slice(2);
if (argv[0] !== 'doctor') {
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

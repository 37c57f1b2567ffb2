#!/usr/bin/env node
// The "generate the Prisma client unless it is current" step of the npm scripts (`npm test`,
// `npm run app`, `npm run bench`, `npm run typecheck`); the `faultline` bin calls the same function.
import { ensureGeneratedClient } from './generated-client.mjs';

const result = ensureGeneratedClient({ say: (line) => process.stderr.write(`${line}\n`) });
if (!result.ok) {
  process.stderr.write(
    `${result.output}\nthe Prisma client could not be generated (see above); \`npm run generate\` retries\n`,
  );
  process.exit(1);
}

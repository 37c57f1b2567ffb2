#!/usr/bin/env node
// `npm run generate`: runs `prisma generate` now, whether or not the client is current (arguments are
// passed on to Prisma). Works offline: see generateClient() in generated-client.mjs.
import { generateClient } from './generated-client.mjs';

process.exit(generateClient({ args: process.argv.slice(2) }).status);

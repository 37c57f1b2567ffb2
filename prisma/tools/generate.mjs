#!/usr/bin/env node
// Runs `prisma generate`. Prisma 7's CLI insists on locating its schema-engine binary before
// generating, although generation never runs it; on machines that cannot download the engine
// (no route to Prisma's CDN) it would fail. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
// file satisfies the lookup. A value you set yourself is kept, so with internet access and a real
// engine nothing changes.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(result.status ?? 1);

// `prisma generate` for this service. Prisma 7's CLI looks for its schema-engine binary before
// generating although generation never runs it; on a machine that cannot download the engine,
// pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies the lookup.
// --if-stale: do nothing when the client was generated after the schema last changed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schema = path.join(root, 'prisma', 'schema.prisma');
const client = path.join(root, 'src', 'generated', 'prisma', 'client.ts');

const stale = () => !fs.existsSync(client) || fs.statSync(client).mtimeMs < fs.statSync(schema).mtimeMs;
if (process.argv.includes('--if-stale') && !stale()) process.exit(0);

const prisma = createRequire(import.meta.url).resolve('prisma/build/index.js');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync(process.execPath, [prisma, 'generate'], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);

// The generated Prisma client (target-app/src/generated/prisma) is not committed and `npm ci` does not
// make it, yet the reference app cannot import without it. Every entry point (the `faultline` bin,
// `npm test`, `npm run app`, `npm run bench`, vitest's global setup) calls ensureGeneratedClient()
// before it loads anything that imports the client: a no-op when the client matches the schema and
// the installed Prisma, one `prisma generate` otherwise. Plain JavaScript so that it runs before tsx
// is registered.
//
// Not an npm lifecycle script: npm 11 does run the root package's own postinstall/prepare on `npm ci`
// (measured), but `--ignore-scripts` skips them, and the app's Dockerfile runs `npm ci` before the
// schema is copied into the image.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLIENT_DIR = path.join(ROOT, 'target-app', 'src', 'generated', 'prisma');
/** What the generated code depends on: the schema, the config naming it, and the Prisma versions. */
const INPUT_FILES = ['prisma/schema.prisma', 'prisma.config.ts'];
const INPUT_PACKAGES = ['prisma', '@prisma/client'];
/** Written after a successful generate; its content is the fingerprint of the inputs. */
const STAMP = path.join(CLIENT_DIR, '.faultline-fingerprint');
const LOCK = path.join(path.dirname(CLIENT_DIR), '.generate.lock');
/** Generating takes seconds; a lock older than this belongs to a process that died. */
const STALE_LOCK_MS = 120_000;
const LOCK_POLL_MS = 200;

export function clientFingerprint() {
  const hash = createHash('sha256');
  for (const file of INPUT_FILES) hash.update(`${file}\0`).update(fs.readFileSync(path.join(ROOT, file)));
  for (const name of INPUT_PACKAGES) {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
    hash.update(`${name}@${manifest.version}\0`);
  }
  return hash.digest('hex');
}

/** 'current', 'missing' (never generated) or 'stale' (the schema or Prisma changed since). */
export function clientState() {
  if (!fs.existsSync(path.join(CLIENT_DIR, 'client.ts'))) return 'missing';
  let stamp;
  try {
    stamp = fs.readFileSync(STAMP, 'utf8').trim();
  } catch {
    return 'stale';
  }
  return stamp === clientFingerprint() ? 'current' : 'stale';
}

/**
 * Runs `prisma generate` and stamps the result. Prisma 7's CLI insists on locating its schema-engine
 * binary before generating, although generation never runs it; on machines that cannot download
 * the engine (no route to Prisma's CDN) it would fail. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any
 * existing file satisfies the lookup; a value you set yourself is kept.
 * `stdio: 'pipe'` returns Prisma's output instead of printing it.
 */
export function generateClient({ args = [], stdio = 'inherit' } = {}) {
  const require = createRequire(import.meta.url);
  const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
  env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
  const fingerprint = clientFingerprint();
  const result = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate', ...args], {
    cwd: ROOT,
    env,
    stdio,
    encoding: 'utf8',
  });
  const ok = result.status === 0;
  if (ok) fs.writeFileSync(STAMP, `${fingerprint}\n`);
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error === undefined ? '' : String(result.error)}`;
  return { ok, status: result.status ?? 1, output };
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** One generator at a time: a second process waits for the first and then finds the client current. */
function withLock(action) {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const ageMs = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (ageMs > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      else sleep(LOCK_POLL_MS);
    }
  }
  try {
    return action();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Generates the client unless it is current. Returns what it found and did; `say` gets one line
 * when it generates (Prisma's own output only when generation fails).
 */
export function ensureGeneratedClient({ say = () => undefined } = {}) {
  const before = clientState();
  if (before === 'current') return { ok: true, before, generated: false, output: '' };
  return withLock(() => {
    const now = clientState();
    if (now === 'current') return { ok: true, before, generated: false, output: '' };
    say(
      `generating the Prisma client (${path.relative(ROOT, CLIENT_DIR)}: ${now === 'missing' ? 'not generated yet' : 'older than the schema or the installed Prisma'})`,
    );
    const result = generateClient({ stdio: 'pipe' });
    return { ok: result.ok, before, generated: result.ok, output: result.output };
  });
}

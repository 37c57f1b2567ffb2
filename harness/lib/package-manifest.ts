// Faultline's own package.json (its version for reports, the Node it needs for doctor), found from
// this file wherever it runs: harness/lib/ in the repository, dist/harness/lib/ in the installed
// package — one directory deeper, so no fixed relative path fits both.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageManifest {
  name: string;
  version: string;
  engines: { node: string };
}

let cached: PackageManifest | undefined;

export function packageManifest(): PackageManifest {
  if (cached !== undefined) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as PackageManifest;
      if (manifest.name === 'faultline') return (cached = manifest);
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json of faultline above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

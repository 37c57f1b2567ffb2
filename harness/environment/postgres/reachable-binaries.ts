// As root, PostgreSQL runs as the `postgres` user (it refuses root), and that user must be able to
// reach its binaries. Installed in a private folder — a 0700 home, a mkdtemp directory, a CI
// checkout under /root — they are not, and initdb fails with EACCES. Then the binaries are copied
// once into the system temp folder, keyed by their content (so every install of the same version
// shares one copy), and run from there: a cache shared by every later run (like npm's), not a
// leftover of one.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Where the PostgreSQL programs are. */
export interface Binaries {
  initdb: string;
  postgres: string;
}

/** True when every folder from the root down to `dir` lets others through (o+x). */
function traversableByOthers(dir: string): boolean {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

/** The binaries themselves when another user can reach them, else a reachable copy of their tree. */
export async function reachableBinaries(binaries: Binaries): Promise<Binaries> {
  const bin = path.dirname(binaries.initdb);
  if (traversableByOthers(bin)) return binaries;
  const tree = path.dirname(bin);
  // The same version's binaries are the same bytes wherever they are installed.
  const key = createHash('sha256')
    .update(readFileSync(binaries.postgres))
    .update(readFileSync(binaries.initdb))
    .digest('hex')
    .slice(0, 16);
  const copy = path.join(os.tmpdir(), `faultline-postgres-${key}`);
  if (!existsSync(path.join(copy, '.complete'))) {
    // Copied aside, then renamed: a concurrent run never sees half a tree.
    const partial = `${copy}.${process.pid}`;
    await fs.cp(tree, partial, { recursive: true, verbatimSymlinks: true });
    await fs.chmod(partial, 0o755);
    await fs.writeFile(path.join(partial, '.complete'), '');
    await fs.rename(partial, copy).catch(() => fs.rm(partial, { recursive: true, force: true }));
  }
  return {
    initdb: path.join(copy, 'bin', path.basename(binaries.initdb)),
    postgres: path.join(copy, 'bin', path.basename(binaries.postgres)),
  };
}

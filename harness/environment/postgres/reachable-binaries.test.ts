import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reachableBinaries } from './reachable-binaries.ts';

const made: string[] = [];
function tree(mode: number): { initdb: string; postgres: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'faultline-binaries-test-'));
  made.push(root);
  chmodSync(root, mode);
  mkdirSync(path.join(root, 'native', 'bin'), { recursive: true });
  const initdb = path.join(root, 'native', 'bin', 'initdb');
  const postgres = path.join(root, 'native', 'bin', 'postgres');
  writeFileSync(initdb, '#!/bin/sh\n');
  writeFileSync(postgres, `#!/bin/sh\n# ${root}\n`);
  return { initdb, postgres };
}

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('binaries the postgres user can reach', () => {
  it('are the installed ones when every folder above them lets others through', async () => {
    const installed = tree(0o755);
    expect(await reachableBinaries(installed)).toEqual(installed);
  });

  it('are a copy in the temp folder when they sit in a private folder (0700), made once', async () => {
    const installed = tree(0o700);
    const reachable = await reachableBinaries(installed);
    made.push(path.dirname(path.dirname(reachable.initdb)));
    expect(reachable.initdb).not.toBe(installed.initdb);
    expect(path.dirname(path.dirname(reachable.initdb))).toMatch(/faultline-postgres-[0-9a-f]{16}$/);
    expect(existsSync(reachable.postgres)).toBe(true);
    expect(await reachableBinaries(installed)).toEqual(reachable);
  });
});

// The image builds' install check: it passes a complete install and names what an incomplete one lacks
// (npm can exit 0 after a failed install), and `keep` refuses a name that is not a dependency.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = path.join(import.meta.dirname, 'image-dependencies.mjs');
let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await fs.rm(dir, { recursive: true, force: true });
});

async function project(installed: string[]): Promise<string> {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'faultline-image-deps-'));
  const write = (file: string, value: unknown) => fs.writeFile(path.join(dir!, file), JSON.stringify(value));
  await write('package.json', { name: 'x', dependencies: { a: '^1.0.0' }, devDependencies: { d: '^1.0.0' } });
  await write('package-lock.json', {
    lockfileVersion: 3,
    packages: {
      '': {},
      'node_modules/a': { version: '1.0.0', dependencies: { b: '^2.0.0' } },
      'node_modules/b': { version: '2.0.0' },
      'node_modules/d': { version: '1.0.0', dev: true },
    },
  });
  for (const name of installed) {
    await fs.mkdir(path.join(dir, 'node_modules', name), { recursive: true });
    const version = name === 'b' ? '2.0.0' : '1.0.0';
    await fs.writeFile(path.join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
  }
  return dir;
}

describe('image-dependencies.mjs', () => {
  it('accepts an install that matches the lockfile', async () => {
    const cwd = await project(['a', 'b']);
    const result = await execa('node', [SCRIPT, 'verify', '--omit-dev'], { cwd, reject: false });
    expect(result.exitCode).toBe(0);
  });

  it('names a transitive package that is missing', async () => {
    const cwd = await project(['a']);
    const result = await execa('node', [SCRIPT, 'verify', '--omit-dev'], { cwd, reject: false });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('node_modules/b is missing');
  });

  it('checks dev dependencies unless told to omit them', async () => {
    const cwd = await project(['a', 'b']);
    const result = await execa('node', [SCRIPT, 'verify'], { cwd, reject: false });
    expect(result.stderr).toContain('node_modules/d is missing');
  });

  it('keeps only named dependencies, and refuses an unknown one without changing package.json', async () => {
    const cwd = await project([]);
    const before = await fs.readFile(path.join(cwd, 'package.json'), 'utf8');
    const refused = await execa('node', [SCRIPT, 'keep', 'a', 'nope'], { cwd, reject: false });
    expect(refused.exitCode).toBe(1);
    expect(await fs.readFile(path.join(cwd, 'package.json'), 'utf8')).toBe(before);
    await execa('node', [SCRIPT, 'keep', 'a'], { cwd });
    expect(JSON.parse(await fs.readFile(path.join(cwd, 'package.json'), 'utf8')).dependencies).toEqual({ a: '^1.0.0' });
  });
});

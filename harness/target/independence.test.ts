// The harness knows apps only through the target contract: no harness module imports the reference
// app (or its Prisma tooling), and none names its files, its routes or its defects switch.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HARNESS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const WELDING = [
  // `from '…'`, a bare `import '…'` and `import('…')` alike.
  {
    what: 'an import of the reference app or its Prisma tooling',
    pattern: /(from|import)\s*\(?\s*['"][./]*(target-app|prisma\/tools)\//m,
  },
  { what: "a path to the reference app's files or image", pattern: /['"`]target-app[/'"`]/ },
  { what: "the reference app's API prefix", pattern: /['"`]\/api\/v1/ },
  { what: "the reference app's defects switch", pattern: /['"`]TARGET_APP_DEFECTS/ },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testdata' ? [] : sources(file);
    return /\.(ts|js|mjs)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [file] : [];
  });
}

describe('the harness and the reference app', () => {
  const welded = new Map<string, string[]>();
  for (const file of sources(HARNESS)) {
    // Comments may name anything; code may not.
    const code = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');
    const found = WELDING.filter(({ pattern }) => pattern.test(code)).map(({ what }) => what);
    if (found.length > 0) welded.set(path.relative(HARNESS, file).split(path.sep).join('/'), found);
  }

  it('has no harness module reach into the reference app', () => {
    expect([...welded].map(([file, found]) => `${file}: ${found.join(', ')}`)).toEqual([]);
  });

  it('finds what it looks for (the scan is not blind)', () => {
    expect(WELDING[0]?.pattern.test("import { x } from '../../target-app/scripts/seed.ts';")).toBe(true);
    expect(WELDING[0]?.pattern.test("import '../../target-app/scripts/seed.ts';")).toBe(true);
    expect(WELDING[0]?.pattern.test("await import('../../prisma/tools/migrate.ts')")).toBe(true);
    expect(WELDING[2]?.pattern.test("const p = '/api/v1/events';")).toBe(true);
    expect(WELDING[1]?.pattern.test("{ from: 'target-app/Dockerfile' }")).toBe(true);
    expect(WELDING[3]?.pattern.test("env['TARGET_APP_DEFECTS']")).toBe(true);
    expect(sources(HARNESS).length).toBeGreaterThan(100);
  });
});

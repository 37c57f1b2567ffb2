// The harness knows apps only through the target contract: no harness module imports the reference
// app (or its Prisma tooling), and none names its routes or its defects switch. What still does is
// listed below with the reason; the list may only shrink — a file that no longer needs its place
// fails the test too, so the list stays true.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HARNESS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Still welded to the reference app, each for a reason a later change removes. */
const STILL_WELDED: Record<string, string> = {
  'bin/faultline.js': 'generates the reference Prisma client before run/up/matrix from the source tree',
  'cli/commands/matrix.ts': "the defect matrix's cells are the reference app's (not yet part of the contract)",
  'matrix/types.ts': "defect names typed by the reference app's registry",
  'doctor/probes.ts': "reports whether the reference app's Prisma client is generated",
  'environment/containers/images/image-catalog.ts':
    "the fault proxy's image borrows the reference app's image-dependencies script (keep/verify)",
  'testing/global-setup.ts': "the test run's template database has the reference app's schema",
  'timeline/fixtures.ts': "hand-made timelines for the checks' tests, shaped like the reference app's answers",
};

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

  it('has no harness module reach into the reference app but those listed, with their reason', () => {
    const unlisted = [...welded].filter(([file]) => STILL_WELDED[file] === undefined);
    expect(unlisted.map(([file, found]) => `${file}: ${found.join(', ')}`)).toEqual([]);
  });

  it('lists no file that no longer needs its place', () => {
    expect(Object.keys(STILL_WELDED).filter((file) => !welded.has(file))).toEqual([]);
  });

  it('finds what it looks for (the scan is not blind)', () => {
    expect(WELDING[0]?.pattern.test("import { x } from '../../target-app/scripts/seed.ts';")).toBe(true);
    expect(WELDING[0]?.pattern.test("import '../../target-app/scripts/seed.ts';")).toBe(true);
    expect(WELDING[0]?.pattern.test("await import('../../prisma/tools/migrate.ts')")).toBe(true);
    expect(WELDING[2]?.pattern.test("const p = '/api/v1/events';")).toBe(true);
    expect(welded.size).toBeGreaterThan(0);
  });
});

// `faultline matrix` refuses bad input before anything starts: exit 2, naming what was wrong — a
// flag, a defect the target does not name, or a target that declares no defects or no cells.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, expect, it, vi } from 'vitest';
import { main } from '../cli/main.ts';
import { SHOP_TARGET_FIELDS } from '../testing/shop-target.ts';

afterEach(() => vi.restoreAllMocks());
const dir = mkdtempSync(path.join(os.tmpdir(), 'faultline-matrix-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A config file for a small target, with the given defects field. */
function config(name: string, defects: string): string {
  const file = path.join(dir, `${name}.config.ts`);
  writeFileSync(
    file,
    `import { defineTarget } from 'faultline';
export default defineTarget({
  ${SHOP_TARGET_FIELDS}
  ${defects}
});
`,
  );
  return file;
}
const CELL = `{ scenario: 'db-outage-under-load', mustFail: ['no-5xx-except-503'], mustPass: [], why: 'w' }`;

it.each([
  [['matrix', '--only', 'made-up-defect'], /unknown: made-up-defect/],
  [['matrix', '--seed', 'soon'], /--seed expects a whole number/],
  [['matrix', 'release'], /unexpected argument "release"/],
  [['matrix', '--target', config('bare', '')], /the target "shop" declares no defects: the matrix needs defects/],
  [
    ['matrix', '--target', config('no-cells', `defects: { env: 'SHOP_BUGS', names: ['slow'] },`)],
    /the target "shop" declares no matrix cells: add defects.cells/,
  ],
  [
    [
      'matrix',
      '--only',
      'slow',
      '--target',
      config('some-cells', `defects: { env: 'SHOP_BUGS', names: ['slow', 'errors'], cells: { errors: [${CELL}] } },`),
    ],
    /--only: slow has no matrix cell/,
  ],
])('exits 2 for %j', async (argv, message) => {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  expect(await main(argv)).toBe(2);
  expect(errors.join('\n')).toMatch(message);
});

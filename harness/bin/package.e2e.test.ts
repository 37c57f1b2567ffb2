// Faultline as another project gets it: `npm pack` of this checkout (its prepack builds dist/),
// then a throwaway project in a temporary directory installs the tarball as a dev dependency and
// uses it with plain `node` — no tsx, no vitest loader, nothing of this repository on its path. The
// bin, the `faultline` and `faultline/vitest` imports and their type declarations must all work
// from the compiled package alone. Slow (a build and an install): an e2e file.
import { execa } from 'execa';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** The vitest this repository tests with: `faultline/vitest` needs one (a peer), and npm's cache has it. */
const VITEST_VERSION = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'vitest', 'package.json'), 'utf8')) as { version: string }
).version;
/** npm's words for "the registry could not be reached": a reason to skip, not a failure. */
const UNREACHABLE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network request/;
/** The commands of `faultline --help`; `<command> --help` loads each one's whole module graph. */
const COMMANDS = ['proxy', 'up', 'inject', 'run', 'list', 'matrix', 'k6', 'doctor'];

// The throwaway project runs as on a user's machine: none of this test run's npm, vitest or loader
// variables (vitest's NODE_OPTIONS would hand the children a TypeScript loader).
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(npm_|VITEST|NODE_OPTIONS$|TSX)/i.test(name)),
);

let packDir: string | undefined;
let projectDir: string | undefined;
/** The packed tarball, for the example service's own install. */
let tarball: string | undefined;
/** A copy of examples/library-loans, installing the tarball as its own dev dependency. */
let exampleDir: string | undefined;
let skipReason: string | undefined;
/** Paths inside the tarball, from `npm pack --json`. */
let packedFiles: string[] = [];

interface Finished {
  exitCode: number | undefined;
  stdout: string;
  /** stdout and stderr, interleaved. */
  all: string;
}

async function inDir(cwd: string, file: string, args: string[], timeoutMs = 60_000): Promise<Finished> {
  const result = await execa(file, args, {
    cwd,
    env: { ...cleanEnv, CI: '1' },
    extendEnv: false,
    reject: false,
    all: true,
    timeout: timeoutMs,
  });
  return { exitCode: result.exitCode, stdout: result.stdout, all: result.all };
}

function inProject(file: string, args: string[], timeoutMs?: number): Promise<Finished> {
  return inDir(projectDir!, file, args, timeoutMs);
}

beforeAll(async () => {
  const startedMs = Date.now();
  packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-pack-'));
  projectDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-user-'));
  const pack = await inDir(ROOT, 'npm', ['pack', '--json', '--pack-destination', packDir], 5 * 60_000);
  if (pack.exitCode !== 0) throw new Error(`npm pack failed:\n${pack.all}`);
  const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as {
    filename: string;
    files: { path: string }[];
  }[];
  packedFiles = packed!.files.map((file) => file.path);
  tarball = path.join(packDir, packed!.filename);
  console.info(`package.e2e: packed ${packedFiles.length} files in ${Date.now() - startedMs} ms`);

  await inProject('npm', ['init', '-y']);
  await inProject('npm', ['pkg', 'set', 'type=module']);
  const install = await inProject(
    'npm',
    ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', tarball, `vitest@${VITEST_VERSION}`],
    10 * 60_000,
  );
  if (install.exitCode !== 0 && UNREACHABLE.test(install.all))
    skipReason = `npm install could not reach the registry: ${install.all.match(UNREACHABLE)?.[0]}`;
  else if (install.exitCode !== 0) throw new Error(`npm install of the tarball failed:\n${install.all}`);
  console.info(`package.e2e: packed and installed in ${Date.now() - startedMs} ms`);
}, 15 * 60_000);

afterAll(() => {
  for (const dir of [packDir, projectDir, exampleDir])
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('the packed faultline, installed in another project', () => {
  it('ships compiled JavaScript and declarations: no tests, no TypeScript sources', () => {
    expect(packedFiles.filter((file) => /\.test\./.test(file))).toEqual([]);
    expect(packedFiles.filter((file) => /\.[mc]?ts$/.test(file) && !/\.d\.[mc]?ts$/.test(file))).toEqual([]);
    expect(packedFiles).toEqual(
      expect.arrayContaining(['package.json', 'dist/harness/index.js', 'dist/harness/index.d.ts']),
    );
  });

  it('runs `npx faultline --help` and every command`s --help with plain node', async (context) => {
    if (skipReason !== undefined) context.skip(skipReason);
    const help = await inProject('npx', ['--no-install', 'faultline', '--help']);
    expect(help.exitCode, help.all).toBe(0);
    expect(help.stdout).toContain('Usage: faultline <command>');
    for (const command of COMMANDS) {
      const commandHelp = await inProject('npx', ['--no-install', 'faultline', command, '--help']);
      expect(commandHelp.exitCode, `faultline ${command} --help\n${commandHelp.all}`).toBe(0);
      expect(commandHelp.stdout).toContain(`Usage: faultline ${command}`);
    }
  }, 120_000);

  it('lists the scenario catalog with `npx faultline list`', async (context) => {
    if (skipReason !== undefined) context.skip(skipReason);
    const list = await inProject('npx', ['--no-install', 'faultline', 'list', '--json']);
    expect(list.exitCode, list.all).toBe(0);
    const catalog = JSON.parse(list.stdout) as { scenarios: { name: string }[]; suites: { name: string }[] };
    expect(catalog.scenarios.map((scenario) => scenario.name)).toEqual(
      expect.arrayContaining(['p2025-sweep', 'startup-db-late']),
    );
    expect(catalog.suites.map((suite) => suite.name)).toEqual(expect.arrayContaining(['release', 'smoke']));
  });

  it('loads a scenario file the user wrote in TypeScript', async (context) => {
    if (skipReason !== undefined) context.skip(skipReason);
    // Not a scenario, so `run` stops at loading it (exit 2) and runs nothing; what it complains
    // about shows whether plain Node could read the TypeScript and its `faultline` import at all.
    fs.writeFileSync(
      path.join(projectDir!, 'not-a-scenario.ts'),
      [
        "import { CHECK_NAMES } from 'faultline';",
        'const names: readonly string[] = CHECK_NAMES;',
        'export default { names };',
      ].join('\n'),
    );
    const run = await inProject('npx', ['--no-install', 'faultline', 'run', './not-a-scenario.ts']);
    expect(run.all).not.toContain('could not be loaded');
    expect(run.all).toContain('expected `export default defineScenario({...})`');
    expect(run.exitCode, run.all).toBe(2);
  });

  it("imports 'faultline' and 'faultline/vitest' from an .mjs file", async (context) => {
    if (skipReason !== undefined) context.skip(skipReason);
    fs.writeFileSync(
      path.join(projectDir!, 'use.mjs'),
      [
        "import { defineScenario, ScenarioError, CHECK_NAMES } from 'faultline';",
        "import { faultlineMatchers } from 'faultline/vitest';",
        '// An empty scenario is refused by its schema: the validation (zod) runs from the package too.',
        'let refused;',
        'try {',
        '  defineScenario({});',
        '} catch (error) {',
        '  refused = error instanceof ScenarioError ? error.code : String(error);',
        '}',
        'console.log(JSON.stringify({ refused, checks: CHECK_NAMES.length, matchers: Object.keys(faultlineMatchers) }));',
      ].join('\n'),
    );
    const used = await inProject('node', ['use.mjs']);
    expect(used.exitCode, used.all).toBe(0);
    const printed = JSON.parse(used.stdout) as { refused: string; checks: number; matchers: string[] };
    expect(printed.refused).toBe('SCENARIO_INVALID');
    expect(printed.checks).toBeGreaterThan(0);
    expect(printed.matchers).toEqual(expect.arrayContaining(['toPassChecks', 'toPassCheck']));
  });

  it('type-checks a TypeScript user of the package against its declarations', async (context) => {
    if (skipReason !== undefined) context.skip(skipReason);
    fs.writeFileSync(
      path.join(projectDir!, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ['use.ts'],
      }),
    );
    fs.writeFileSync(
      path.join(projectDir!, 'use.ts'),
      [
        "import { defineScenario, type Scenario } from 'faultline';",
        "import { toPassChecks } from 'faultline/vitest';",
        'export const check: typeof toPassChecks = toPassChecks;',
        '// Declarations that were `any` would make this line compile, and the directive fail.',
        '// @ts-expect-error a scenario is an object',
        'export const wrong: Scenario = defineScenario(42);',
      ].join('\n'),
    );
    const tsc = await inProject(process.execPath, [TSC, '-p', 'tsconfig.json']);
    expect(tsc.exitCode, tsc.all).toBe(0);
  });

  it(
    'runs the example service through the installed package: the catalog passes healthy and catches its bug',
    async (context) => {
      if (skipReason !== undefined) context.skip(skipReason);
      const example = path.join(ROOT, 'examples', 'library-loans');
      exampleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-example-'));
      // Its sources only, as a user's checkout has them: no reports, no generated client, no node_modules.
      fs.cpSync(example, exampleDir, {
        recursive: true,
        filter: (from) => !/[/\\](node_modules|reports|generated)([/\\]|$)/.test(path.relative(example, from)),
      });
      const install = await inDir(
        exampleDir,
        'npm',
        ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', tarball!],
        10 * 60_000,
      );
      expect(install.exitCode, install.all).toBe(0);
      const run = (extra: string[]): Promise<Finished> =>
        inDir(exampleDir!, 'npx', ['faultline', 'run', 'p2025-sweep', '--seed', '5', ...extra], 5 * 60_000);
      const healthy = await run([]);
      expect(healthy.exitCode, healthy.all).toBe(0);
      expect(healthy.all).toMatch(/RELEASE OK/);
      const buggy = await run(['--defects', 'p2025-500']);
      expect(buggy.exitCode, buggy.all).toBe(1);
      expect(buggy.all).toMatch(/FAIL\s+missing-records-are-404/);
    },
    20 * 60_000,
  );
});

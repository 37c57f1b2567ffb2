// Reads a project's package.json for `faultline init`: its name, its Prisma settings, and how the app
// starts — scripts.start, else scripts.dev, else `main` — as an argv Faultline runs itself, with no
// shell and no npm in between (a wrapper process would hide the app's pid from kill faults).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../cli/exit-codes.ts';
import type { Found } from './types.ts';

export interface PackageInfo {
  name: string;
  scripts: Readonly<Record<string, string>>;
  main?: string;
  /** "type": "module": a .ts file is an ES module there, and CommonJS elsewhere. */
  esm: boolean;
  /** package.json's "prisma" key (Prisma 6 and earlier): the schema path and the seed command. */
  prisma: { schema?: string; seed?: string };
}

export function readPackage(dir: string): PackageInfo {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file))
    throw new UsageError(`no package.json in ${dir}: run faultline init in your project's folder, or pass --dir DIR`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new UsageError(`${file}: expected a JSON object`);
  const pkg = json as Record<string, unknown>;
  const strings = (value: unknown): Record<string, string> =>
    typeof value === 'object' && value !== null
      ? Object.fromEntries(
          Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        )
      : {};
  const prisma = strings(pkg.prisma);
  return {
    // '@acme/orders-api' → 'orders-api': a name for reports, not a package specifier.
    name: typeof pkg.name === 'string' && pkg.name !== '' ? pkg.name.replace(/^@[^/]+\//, '') : path.basename(dir),
    scripts: strings(pkg.scripts),
    main: typeof pkg.main === 'string' ? pkg.main : undefined,
    esm: pkg.type === 'module',
    prisma: { schema: prisma.schema, seed: prisma.seed },
  };
}

/** A shell command line made into the argv that runs the app itself. */
export interface ParsedCommand {
  argv: string[];
  /** `NODE_ENV=production node x.js` → { NODE_ENV: 'production' }. */
  env: Record<string, string>;
  /** Steps the script runs before the app (`prisma generate && ...`), which Faultline does not. */
  before: string[];
  /** Why the argv is not the script word for word (a watcher dropped). */
  note?: string;
}

const SHELL_ONLY = /\|\||[|<>`]|\$\(|(?<!&)&(?!&)/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
const RUNNERS: Record<string, (args: string[]) => string | undefined> = {
  npm: ([verb, name]) => (verb === 'start' ? 'start' : verb === 'run' || verb === 'run-script' ? name : undefined),
  yarn: ([verb, name]) => (verb === 'run' ? name : verb),
  pnpm: ([verb, name]) => (verb === 'run' ? name : verb),
};

function tokens(segment: string): string[] {
  return [...segment.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** The entry file of `nodemon -w src src/main.ts`: the first argument named like a script. */
const entryOf = (args: string[]): string | undefined => args.find((arg) => /\.[cm]?[jt]s$/.test(arg));
const runFile = (file: string): string[] => (/\.[cm]?ts$/.test(file) ? ['npx', 'tsx', file] : ['node', file]);

/**
 * `node scripts/gen.mjs && tsx src/main.ts` → ['npx', 'tsx', 'src/main.ts'] with the first step in
 * `before`; `npm run serve` follows scripts.serve. Undefined when only a shell could run it.
 */
export function parseScript(
  script: string,
  scripts: Readonly<Record<string, string>>,
  depth = 0,
): ParsedCommand | undefined {
  if (depth > 4 || SHELL_ONLY.test(script)) return undefined;
  const segments = script
    .split(/&&|;/)
    .map((segment) => segment.trim())
    .filter(Boolean);
  const last = segments.pop();
  if (last === undefined) return undefined;
  const words = tokens(last);
  const env: Record<string, string> = {};
  if (words[0] === 'cross-env' || words[0] === 'env') words.shift();
  for (let match = ASSIGNMENT.exec(words[0] ?? ''); match !== null; match = ASSIGNMENT.exec(words[0] ?? '')) {
    env[match[1]!] = match[2]!;
    words.shift();
  }
  const [program, ...args] = words;
  if (program === undefined) return undefined;
  const runScript = RUNNERS[program]?.(args);
  if (runScript !== undefined) {
    const inner = scripts[runScript];
    const parsed = inner === undefined ? undefined : parseScript(inner, scripts, depth + 1);
    return parsed && { ...parsed, env: { ...env, ...parsed.env }, before: [...segments, ...parsed.before] };
  }
  if (RUNNERS[program] !== undefined) return undefined;
  const watcher = 'started without its watcher: a watcher restarts the app on file changes and hides its pid';
  if (program === 'node') {
    const watchless = args.filter((arg) => arg !== '--watch' && !arg.startsWith('--watch-path'));
    const note = watchless.length === args.length ? undefined : watcher;
    return { argv: ['node', ...watchless], env, before: segments, note };
  }
  if (program === 'tsx' || program === 'ts-node')
    return args[0] === 'watch'
      ? { argv: ['npx', program, ...args.slice(1)], env, before: segments, note: watcher }
      : { argv: ['npx', program, ...args], env, before: segments };
  if (program === 'nodemon' || program === 'ts-node-dev' || program === 'tsnd') {
    const entry = entryOf(args);
    if (entry === undefined || args.includes('--exec')) return undefined;
    return { argv: runFile(entry), env, before: segments, note: watcher };
  }
  if (program === 'npx' || program === 'bun' || program === 'deno')
    return { argv: [program, ...args], env, before: segments };
  // Any other word is taken for a package's bin, which npm scripts find in node_modules/.bin.
  return { argv: ['npx', program, ...args], env, before: segments };
}

/** Bins that start the app as a child process of their own, whose pid a kill fault would not reach. */
const WRAPPERS = new Set(['nest', 'pm2', 'pm2-runtime', 'forever', 'concurrently', 'npm-run-all', 'run-p', 'run-s']);

/** How the app starts, from package.json, with a TODO wherever Faultline's argv is a guess. */
export function startCommand(pkg: PackageInfo, dir: string): Found<string[]> & { env: Record<string, string> } {
  for (const script of ['start', 'dev']) {
    const line = pkg.scripts[script];
    if (line === undefined) continue;
    const parsed = parseScript(line, pkg.scripts);
    if (parsed === undefined) break;
    const from = `package.json scripts.${script}`;
    const todos: string[] = [];
    if (parsed.before.length > 0)
      todos.push(
        `${from} first runs \`${parsed.before.join(' && ')}\`; Faultline starts only the app: run that step before a run`,
      );
    if (parsed.argv[0] === 'npx' && WRAPPERS.has(parsed.argv[1] ?? ''))
      todos.push(
        `${parsed.argv[1]} runs the app as a child process, out of reach of kill faults: give the app's own command, e.g. ['node', 'dist/main.js']`,
      );
    const entry = parsed.argv.find((arg, index) => index > 0 && /\.[cm]?[jt]s$/.test(arg));
    if (entry !== undefined && !existsSync(path.join(dir, entry)) && pkg.scripts.build !== undefined)
      todos.push(`${entry} does not exist yet: run \`npm run build\` before a run`);
    return { value: parsed.argv, env: parsed.env, from, note: parsed.note, todo: todos.length > 0 ? todos : undefined };
  }
  if (pkg.scripts.start === undefined && pkg.scripts.dev === undefined && pkg.main !== undefined)
    return { value: runFile(pkg.main), env: {}, from: 'package.json main' };
  return {
    value: ['npm', 'start'],
    env: {},
    todo: "give the app's own command, e.g. ['node', 'dist/main.js']: npm is a wrapper process that hides the app's pid from kill faults",
  };
}

// Writes what `faultline init` found as a faultline.config.ts a person reads and edits: everything it
// inferred filled in, everything else a `// TODO(faultline init): ...` above a value that validates.
import { todosIn, type Found, type StarterConfig, type StarterRequest, type StarterStep } from './types.ts';

export const TODO_MARK = 'TODO(faultline init):';
const WIDTH = 120;

/** A single-quoted TypeScript string. */
const str = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
const key = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : str(name));
const list = (items: readonly string[]): string => `[${items.map(str).join(', ')}]`;

/** `text` as `//` lines of at most WIDTH columns (a longer word stays whole), at `indent`. */
function comment(text: string, indent: string, first = ''): string[] {
  const lines: string[] = [];
  let line = `${indent}// ${first}`;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = `${indent}//   ${word}`;
    } else line = empty ? `${line}${word}` : `${line} ${word}`;
    empty = false;
  }
  lines.push(line.trimEnd());
  return lines;
}

/** A field's note and TODO, then the field. */
function field<T>(found: Found<T> | undefined, indent: string, lines: readonly string[]): string[] {
  return [
    ...(found?.note === undefined ? [] : comment(found.note, indent)),
    ...todosIn(found).flatMap((todo) => comment(todo, indent, `${TODO_MARK} `)),
    ...lines,
  ];
}

function step(value: StarterStep): string {
  return 'sql' in value ? `{ sql: ${str(value.sql)} }` : `{ command: ${list(value.command)} }`;
}

function path(parts: StarterRequest['path']): string {
  if (parts.every((part) => typeof part === 'string')) return str(parts.join(''));
  const escape = (text: string): string => text.replace(/[\\`]/g, '\\$&').replace(/\$\{/g, '\\${');
  return `\`${parts.map((part) => (typeof part === 'string' ? escape(part) : `\${pick(${str(part.pool)})}`)).join('')}\``;
}

/** `open a, b close` on one line when it fits, else one entry a line, as Prettier would. */
function braces(open: string, entries: readonly string[], indent: string, close: string): string[] {
  const line = `${indent}${open} ${entries.join(', ')} ${close}`;
  if (line.length <= WIDTH) return [line];
  return [`${indent}${open}`, ...entries.map((entry) => `${indent}  ${entry},`), `${indent}${close}`];
}

function request(request: StarterRequest, kind: 'read' | 'missing', indent: string): string[] {
  const picks = request.path.some((part) => typeof part !== 'string');
  const fields = [`method: 'GET'`, `path: ${path(request.path)}`, `route: ${str(request.route)}`];
  return [
    ...(request.todo === undefined ? [] : comment(request.todo, indent, `${TODO_MARK} `)),
    `${indent}${key(request.name)}: {`,
    `${indent}  kind: ${str(kind)},`,
    ...braces(`build: ${picks ? '({ pick })' : '()'} => ({`, fields, `${indent}  `, '}),'),
    `${indent}},`,
  ];
}

export function renderConfig(config: StarterConfig): string {
  const { app } = config;
  const requests = config.requests.value;
  const inject = [
    ...field(app.databaseUrl, '      ', [`      databaseUrl: ${str(app.databaseUrl.value)},`]),
    ...field(
      app.redisUrl,
      '      ',
      app.redisUrl?.value === undefined ? [] : [`      redisUrl: ${str(app.redisUrl.value)},`],
    ),
    ...field(app.port, '      ', [`      port: ${str(app.port.value)},`]),
  ];
  const env =
    app.env === undefined
      ? []
      : [
          `    env: { ${Object.entries(app.env)
            .map(([k, v]) => `${key(k)}: ${str(v)}`)
            .join(', ')} },`,
        ];
  const otherEnv =
    app.otherEnv.length === 0 || app.env !== undefined
      ? []
      : [
          ...comment(
            `The app also reads ${app.otherEnv.join(', ')}: set those it needs (a secret, short timeouts) in env.`,
            '    ',
          ),
          `    // env: { ${app.otherEnv[0]}: '...' },`,
        ];
  const seed =
    config.seed.value === undefined
      ? field(config.seed, '    ', ["    // seed: { command: ['npm', 'run', 'db:seed'] },"])
      : field(config.seed, '    ', [`    seed: ${step(config.seed.value)},`]);
  const pools = config.pools.value.flatMap((pool) =>
    field({ value: pool, note: pool.note }, '      ', [`      ${key(pool.name)}: ${str(pool.query)},`]),
  );
  const health = config.health.value;
  const endpoints = Object.entries(health.endpoints).map(([name, p]) => `${key(name)}: ${str(p)}`);
  const missing =
    config.missingExample === undefined
      ? []
      : [
          '    // For example:',
          ...request(config.missingExample, 'missing', '    ').map((line) => line.replace(/^ {4}/, '    // ')),
        ];
  return [
    '// How Faultline starts, loads and judges this app, written by `faultline init` from package.json, the Prisma',
    '// schema and the source. Fill in each TODO(faultline init), then check it with `npx faultline run smoke`.',
    "import { defineTarget } from 'faultline';",
    '',
    'export default defineTarget({',
    `  name: ${str(config.name.value)},`,
    '  app: {',
    ...field(app.command, '    ', [`    command: ${list(app.command.value)},`]),
    ...env,
    ...otherEnv,
    '    inject: {',
    ...inject,
    '    },',
    '  },',
    '  database: {',
    ...field(config.migrate, '    ', [`    migrate: ${step(config.migrate.value)},`]),
    ...seed,
    ...field({ ...config.pools, note: undefined }, '    ', ['    pools: {', ...pools, '    },']),
    '  },',
    ...field(config.health, '  ', [
      '  health: {',
      ...braces('endpoints: {', endpoints, '    ', '},'),
      `    ready: ${str(health.ready)},`,
      '  },',
    ]),
    '  requests: {',
    ...requests.flatMap((r) => request(r, 'read', '    ')),
    ...todosIn(config.requests).flatMap((todo) => comment(todo, '    ', `${TODO_MARK} `)),
    ...missing,
    '  },',
    ...braces(
      'defaultMix: {',
      requests.map((r) => `${key(r.name)}: 1`),
      '  ',
      '},',
    ),
    '});',
    '',
  ].join('\n');
}

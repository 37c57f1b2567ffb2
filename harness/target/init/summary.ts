// What `faultline init` prints after writing the config: each value it found and where from, then the
// numbered list of the TODOs it left in the file, so nothing left to fill in goes unseen.
import { todosIn, type Found, type StarterConfig, type StarterStep } from './types.ts';

const stepText = (step: StarterStep | undefined): string | undefined =>
  step === undefined ? undefined : 'sql' in step ? `SQL files in ${step.sql}` : step.command.join(' ');

/** 'a, b, c and 9 more': a long list cut to fit one line of the printout. */
function few(items: readonly string[], maxChars = 60): string | undefined {
  const shown: string[] = [];
  for (const item of items) {
    if (shown.length > 0 && [...shown, item].join(', ').length > maxChars) break;
    shown.push(item);
  }
  const rest = items.length - shown.length;
  return shown.length === 0 ? undefined : `${shown.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}

/** Each field with its TODO, in the order they appear in the file. */
export function todosOf(config: StarterConfig): Array<{ field: string; todo: string }> {
  const fields: Array<[string, Found<unknown> | undefined]> = [
    ['app.command', config.app.command],
    ['app.inject.databaseUrl', config.app.databaseUrl],
    ['app.inject.redisUrl', config.app.redisUrl],
    ['app.inject.port', config.app.port],
    ['database.migrate', config.migrate],
    ['database.seed', config.seed],
    ['database.pools', config.pools],
    ['health', config.health],
    ...config.requests.value.map((r): [string, Found<unknown>] => [`requests.${r.name}`, { value: r, todo: r.todo }]),
    ['requests', config.requests],
  ];
  return fields.flatMap(([field, found]) => todosIn(found).map((todo) => ({ field, todo })));
}

export function summarize(config: StarterConfig, file: string): string {
  const { app } = config;
  const health = config.health.value;
  const rows: Array<[string, string | undefined, string | undefined]> = [
    ['name', config.name.value, config.name.from],
    ['app.command', app.command.value.join(' '), app.command.from],
    ['databaseUrl', app.databaseUrl.value, app.databaseUrl.from],
    ['port', app.port.value, app.port.from],
    ['redisUrl', app.redisUrl?.value, app.redisUrl?.from],
    ['migrate', stepText(config.migrate.value), config.migrate.from],
    ['seed', stepText(config.seed.value), config.seed.from],
    ['pools', few(config.pools.value.map((pool) => pool.name)), config.pools.from],
    [
      'health',
      `${few(Object.entries(health.endpoints).map(([name, path]) => `${name} ${path}`))} (ready: ${health.ready})`,
      few(config.health.from?.split(', ') ?? [], 40),
    ],
    ['requests', few(config.requests.value.map((r) => r.name)), few(config.requests.from?.split(', ') ?? [], 40)],
  ];
  const shown = rows.filter((row): row is [string, string, string | undefined] => row[1] !== undefined);
  const width = Math.max(...shown.map(([name]) => name.length));
  const valueWidth = Math.min(72, Math.max(...shown.map(([, value]) => value.length)));
  const todos = todosOf(config);
  return [
    `faultline init: wrote ${file}${config.fileName.note === undefined ? '' : ` (.mts: ${config.fileName.note})`}`,
    '',
    'Found:',
    ...shown.map(([name, value, from]) =>
      `  ${name.padEnd(width)}  ${value.padEnd(valueWidth)}  ${from === undefined ? '(a default)' : `from ${from}`}`.trimEnd(),
    ),
    '',
    ...(todos.length === 0
      ? ['Nothing was left to fill in.']
      : [
          `To do (${todos.length}, each marked TODO(faultline init) in the file):`,
          ...todos.map(({ field, todo }, index) => `  ${index + 1}. ${field}: ${todo}`),
        ]),
    '',
    'Then check it against the running app: npx faultline run smoke',
  ].join('\n');
}

// Which environment variables the app reads, found in its source by the shapes such reads take
// (`process.env.PORT`, `env['PORT']`, `int(env, 'PORT')`, `const { PORT } = process.env`, a zod or
// envalid schema's `PORT: z.coerce.number()`), and which of them are its port, Redis and database URL.
import type { SourceFile } from './read-sources.ts';
import type { Found } from './types.ts';

export interface EnvRead {
  name: string;
  /** 'src/settings.ts:27' */
  at: string;
  /** Within a few lines of a `.listen(` call. */
  nearListen: boolean;
}

const NAME = '[A-Z_][A-Z0-9_]*';
const QUOTED = `['"\`](${NAME})['"\`]`;
const SHAPES = [
  new RegExp(`\\benv\\??\\.(${NAME})\\b`, 'g'),
  new RegExp(`\\benv\\s*\\[\\s*${QUOTED}\\s*\\]`, 'g'),
  new RegExp(`\\(\\s*(?:process\\.)?env\\s*,\\s*${QUOTED}`, 'g'),
  new RegExp(`^\\s*(${NAME})\\s*:\\s*(?:z\\.|Joi\\.|(?:str|num|port|url|host|bool|email|json)\\()`, 'gm'),
  // `server.listen(config.PORT, ...)`: the setting's name, read from a validated config object.
  new RegExp(`\\.listen\\(\\s*(?:[\\w$]+\\.)+(${NAME})\\b`, 'g'),
];
const DESTRUCTURED = /\{([^{}]*)\}\s*=\s*process\.env\b/g;
const LISTEN_DISTANCE_LINES = 10;

export function envReads(files: readonly SourceFile[]): EnvRead[] {
  const reads: EnvRead[] = [];
  for (const file of files) {
    const lineOf = (index: number): number => file.text.slice(0, index).split('\n').length;
    const listenLines = [...file.text.matchAll(/\.listen\(/g)].map((m) => lineOf(m.index));
    const add = (name: string, index: number): void => {
      const line = lineOf(index);
      const nearListen = listenLines.some((at) => Math.abs(at - line) <= LISTEN_DISTANCE_LINES);
      reads.push({ name, at: `${file.path}:${line}`, nearListen });
    };
    for (const shape of SHAPES) for (const match of file.text.matchAll(shape)) add(match[1]!, match.index);
    for (const match of file.text.matchAll(DESTRUCTURED))
      for (const part of match[1]!.split(',')) {
        const name = /^\s*(\w+)/.exec(part)?.[1];
        if (name !== undefined && new RegExp(`^${NAME}$`).test(name)) add(name, match.index);
      }
  }
  return reads;
}

/** The distinct names, in the order they are first read. */
export const namesOf = (reads: readonly EnvRead[]): string[] => [...new Set(reads.map((read) => read.name))];

const NOT_THE_APPS_PORT = /^(DB|DATABASE|PG|POSTGRES|POSTGRESQL|MYSQL|REDIS|SMTP|MAIL|METRICS|DEBUG|INSPECT)_/;
const PORT_NAMES = ['PORT', 'HTTP_PORT', 'APP_PORT', 'SERVER_PORT', 'API_PORT'];

export function pickPort(reads: readonly EnvRead[]): Found<string> {
  const candidates = reads.filter((read) => /(^|_)PORT$/.test(read.name) && !NOT_THE_APPS_PORT.test(read.name));
  // A read next to `listen(` first, then the usual names, then any other *_PORT.
  const rank = (read: EnvRead): number =>
    (read.nearListen ? 0 : 100) + (PORT_NAMES.includes(read.name) ? PORT_NAMES.indexOf(read.name) : 50);
  const best = [...candidates].sort((a, b) => rank(a) - rank(b))[0];
  if (best === undefined)
    return {
      value: 'PORT',
      todo: "no port variable found in the source: name the variable the app's port is read from (it must read one)",
    };
  const others = namesOf(candidates).filter((name) => name !== best.name);
  return { value: best.name, from: best.at, note: others.length > 0 ? `also read: ${others.join(', ')}` : undefined };
}

export function pickRedis(reads: readonly EnvRead[]): Found<string | undefined> | undefined {
  const redis = reads.filter((read) => /REDIS|VALKEY/.test(read.name));
  const url = redis.find((read) => /(URL|URI)$/.test(read.name) || read.name === 'REDIS');
  if (url !== undefined) return { value: url.name, from: url.at };
  if (redis.length === 0) return undefined;
  return {
    value: undefined,
    from: redis[0]!.at,
    todo: `the app reads ${namesOf(redis).join(', ')}, but Faultline gives Redis as one URL: make the app read one and name it in app.inject.redisUrl`,
  };
}

export function pickDatabaseUrl(reads: readonly EnvRead[]): Found<string> | undefined {
  const read = reads.find(
    (r) =>
      r.name === 'DATABASE_URL' || (/DATABASE|POSTGRES|PG|(^|_)DB($|_)/.test(r.name) && /(URL|URI|DB)$/.test(r.name)),
  );
  return read === undefined ? undefined : { value: read.name, from: read.at };
}

// The routes an app registers, found in its source by the shape Express, Fastify, Koa-router and Hono
// share (`router.get('/books/:id', ...)`) or by NestJS's decorators (`@Controller('books')` and
// `@Get(':id')`), and the health endpoints among them.
import { mountPrefixes, type Mount } from './mounts.ts';
import type { SourceFile } from './read-sources.ts';
import type { Found } from './types.ts';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** 'src/routes.ts:38' */
  at: string;
}

// A quoted path, the same quote on both ends; `${...}` is left out (a path built at run time).
const PATH = `(?<quote>['"\`])(?<path>\\/[^'"\`$]*)\\k<quote>`;
const REGISTRATION = new RegExp(
  `\\b(?<receiver>[\\w$]+)\\s*\\.\\s*(?<method>get|post|put|patch|delete)\\s*\\(\\s*${PATH}\\s*,`,
  'g',
);
const CHAINED = new RegExp(`\\.route\\(\\s*${PATH}\\s*\\)\\s*\\.\\s*(?<method>get|post|put|patch|delete)\\s*\\(`, 'g');
// NestJS: a controller's path (`@Controller('books')`) joined to each handler's (`@Get(':id')`).
const NEST_CONTROLLER = /@Controller\(\s*(?:(?<quote>['"`])(?<path>[^'"`$]*)\k<quote>)?\s*\)/;
const NEST_ROUTE = /@(?<method>Get|Post|Put|Patch|Delete)\(\s*(?:(?<quote>['"`])(?<path>[^'"`$]*)\k<quote>)?\s*\)/g;
const NEST_PREFIX = /\.setGlobalPrefix\(\s*(?<quote>['"`])(?<path>[^'"`$]+)\k<quote>/;
const joinPath = (...parts: string[]): string =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/')}`;

/** Receivers whose `.get('/x', ...)` is a request the app makes, not a route it serves. */
const CLIENTS = new Set([
  'axios',
  'http',
  'https',
  'client',
  'httpClient',
  'request',
  'agent',
  'got',
  'ky',
  'superagent',
]);

/**
 * The routes, each under the prefix its router is mounted at; `prefixes`: the mount paths init could not
 * follow to a file that registers routes (a router built in a loop, a middleware), to check by hand.
 */
export function routesIn(files: readonly SourceFile[]): { routes: Route[]; prefixes: string[] } {
  const routes: Route[] = [];
  const prefixes: string[] = [];
  const { byFile, mounts } = mountPrefixes(files);
  for (const file of files) {
    const at = (index: number): string => `${file.path}:${file.text.slice(0, index).split('\n').length}`;
    const mountedAt = byFile.get(file.path) ?? '';
    const add = (method: string, routePath: string, index: number): void => {
      const path = mountedAt === '' ? routePath : joinPath(mountedAt, routePath);
      const route = { method: method.toUpperCase() as Route['method'], path, at: at(index) };
      if (!routes.some((r) => r.method === route.method && r.path === route.path)) routes.push(route);
    };
    for (const { groups, index } of file.text.matchAll(REGISTRATION))
      if (!CLIENTS.has(groups!.receiver!)) add(groups!.method!, groups!.path!, index);
    for (const { groups, index } of file.text.matchAll(CHAINED)) add(groups!.method!, groups!.path!, index);
    const controller = NEST_CONTROLLER.exec(file.text);
    if (controller !== null)
      for (const { groups, index } of file.text.matchAll(NEST_ROUTE))
        add(groups!.method!, joinPath(controller.groups?.path ?? '', groups!.path ?? ''), index);
    const globalPrefix = NEST_PREFIX.exec(file.text)?.groups?.path;
    if (globalPrefix !== undefined) prefixes.push(joinPath(globalPrefix));
  }
  // Followed: to a file that registers routes, or mounts a router that does (depth-limited: a cycle ends).
  const followed = (mount: Mount, depth = 0): boolean =>
    mount.to !== undefined &&
    depth < 8 &&
    (routes.some((route) => route.at.startsWith(`${mount.to}:`)) ||
      mounts.some((next) => next.from === mount.to && followed(next, depth + 1)));
  for (const mount of mounts)
    if (mount.prefix !== '/' && !followed(mount) && !prefixes.includes(mount.prefix)) prefixes.push(mount.prefix);
  return { routes, prefixes };
}

const HEALTH = /health|ready|live/i;
export const isHealth = (route: Route): boolean => route.method === 'GET' && HEALTH.test(route.path);

/** '/readyz' → 'ready', '/health/live' → 'live', '/healthz' → 'health', '/health/detailed' → 'detailed'. */
function endpointName(path: string): string {
  if (/ready/i.test(path)) return 'ready';
  if (/live/i.test(path)) return 'live';
  const last = path.split('/').filter(Boolean).pop() ?? 'health';
  if (/^healthz?$/i.test(last)) return 'health';
  return last.replace(/\W+(\w)/g, (_, c: string) => c.toUpperCase()).replace(/\W/g, '') || 'health';
}

/** The health endpoints by name, and `ready`: a readiness one, else a health one, else the first. */
export function healthOf(routes: readonly Route[]): Found<{ endpoints: Record<string, string>; ready: string }> {
  const found = routes.filter(isHealth);
  if (found.length === 0) {
    const plain = routes.find((r) => r.method === 'GET' && !r.path.includes(':'))?.path ?? '/';
    return {
      value: { endpoints: { ready: plain }, ready: 'ready' },
      todo: `no health route found: give the path that answers 200 once the app can serve (${plain} is a stand-in)`,
    };
  }
  const endpoints: Record<string, string> = {};
  for (const route of found) {
    const base = endpointName(route.path);
    let name = base;
    for (let n = 2; name in endpoints; n++) name = `${base}${n}`;
    endpoints[name] = route.path;
  }
  const ready = ['ready', 'health'].find((name) => name in endpoints) ?? Object.keys(endpoints)[0]!;
  return { value: { endpoints, ready }, from: [...new Set(found.map((r) => r.at.replace(/:\d+$/, '')))].join(', ') };
}

const AUTH = /['"`](?:authorization|x-api-key)['"`]|\bBearer\b|['"`](?:jsonwebtoken|jose|passport)['"`]/i;

/** The first file that checks credentials (an Authorization header, an API key, a JWT library), if any. */
export function authIn(files: readonly SourceFile[]): string | undefined {
  return files.find((file) => AUTH.test(file.text))?.path;
}

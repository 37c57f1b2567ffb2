// The routes an app registers, found in its source by the shape Express, Fastify, Koa-router and Hono
// share (`router.get('/books/:id', ...)`), and the health endpoints among them.
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
const MOUNT = new RegExp(`\\.use\\(\\s*${PATH}\\s*,`, 'g');
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

export function routesIn(files: readonly SourceFile[]): { routes: Route[]; prefixes: string[] } {
  const routes: Route[] = [];
  const prefixes: string[] = [];
  for (const file of files) {
    const at = (index: number): string => `${file.path}:${file.text.slice(0, index).split('\n').length}`;
    const add = (method: string, path: string, index: number): void => {
      const route = { method: method.toUpperCase() as Route['method'], path, at: at(index) };
      if (!routes.some((r) => r.method === route.method && r.path === route.path)) routes.push(route);
    };
    for (const { groups, index } of file.text.matchAll(REGISTRATION))
      if (!CLIENTS.has(groups!.receiver!)) add(groups!.method!, groups!.path!, index);
    for (const { groups, index } of file.text.matchAll(CHAINED)) add(groups!.method!, groups!.path!, index);
    for (const { groups } of file.text.matchAll(MOUNT))
      if (groups!.path !== '/' && !prefixes.includes(groups!.path!)) prefixes.push(groups!.path!);
  }
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

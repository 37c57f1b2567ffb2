// The starter requests: one read per GET route found (health routes aside), a route's `:id` filled from
// the pool its path names (`/books/:id` → a random id of `books`), and the writes and not-found
// requests left to the user, who alone knows their bodies and what acknowledges them.
import { isHealth, type Route } from './infer-routes.ts';
import { plural } from './pools.ts';
import type { Found, StarterPool, StarterRequest } from './types.ts';

const MAX_LISTED = 6;
const squash = (word: string): string => word.toLowerCase().replace(/[-_]/g, '');

/** The pool a path segment names: 'books', 'book' or the table's own name. */
function poolFor(segment: string | undefined, pools: readonly StarterPool[]): StarterPool | undefined {
  if (segment === undefined) return undefined;
  const wanted = squash(segment);
  const live = pools.filter((pool) => pool.deleted !== true);
  return live.find((pool) =>
    [pool.name, pool.model, plural(pool.model), pool.table, plural(pool.table)].some((name) => squash(name) === wanted),
  );
}

/** '/books/:id' → 'books-by-id'; '/' → 'root'. */
function requestName(path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment))
    .join('-')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return words === '' ? 'root' : words;
}

/** A path as literal parts and pool picks; `unmatched` lists the parameters no pool fits. */
function pathParts(
  path: string,
  pools: readonly StarterPool[],
): { parts: StarterRequest['path']; unmatched: string[] } {
  const segments = path.split('/');
  const parts: Array<string | { pool: string }> = [];
  const unmatched: string[] = [];
  let literal = '';
  segments.forEach((segment, index) => {
    if (index > 0) literal += '/';
    if (!segment.startsWith(':')) {
      literal += segment;
      return;
    }
    const pool = poolFor(segments[index - 1], pools);
    if (pool === undefined) {
      unmatched.push(segment);
      literal += '1';
      return;
    }
    parts.push(literal, { pool: pool.name });
    literal = '';
  });
  if (literal !== '') parts.push(literal);
  return { parts, unmatched };
}

export function readRequests(
  routes: readonly Route[],
  pools: readonly StarterPool[],
  prefixes: readonly string[],
  /** The file where the app checks credentials, when it does. */
  auth?: string,
): { requests: Found<StarterRequest[]>; missingExample?: StarterRequest } {
  const reads = routes.filter((route) => route.method === 'GET' && !isHealth(route) && !route.path.includes('*'));
  const requests: StarterRequest[] = [];
  for (const route of reads) {
    const { parts, unmatched } = pathParts(route.path, pools);
    let name = requestName(route.path);
    for (let n = 2; requests.some((r) => r.name === name); n++) name = `${requestName(route.path)}-${n}`;
    const todo =
      unmatched.length === 0 ? undefined : `no pool matches ${unmatched.join(', ')}: replace the 1 with a real id`;
    requests.push({ name, route: `GET ${route.path}`, path: parts, todo });
  }
  const writes = routes.filter((route) => route.method !== 'GET').map((route) => `${route.method} ${route.path}`);
  const shown =
    writes.length > MAX_LISTED ? [...writes.slice(0, MAX_LISTED), `${writes.length - MAX_LISTED} more`] : writes;
  const todos = [
    ...(prefixes.length > 0
      ? [`routers are mounted under ${prefixes.join(', ')}: check each path carries its prefix`]
      : []),
    ...(auth === undefined
      ? []
      : [
          `the app checks credentials (${auth}): give the requests that need them headers (a token made once in prepare)`,
        ]),
    `add the writes${shown.length > 0 ? ` (found: ${shown.join(', ')})` : ''}, each of kind 'write' returning the \`key\` it is acknowledged by, with writes.readBack; and a 'missing' request, for a record that does not exist`,
  ];
  if (requests.length === 0) {
    requests.push({ name: 'root', route: 'GET /', path: ['/'] });
    todos.unshift('no GET route found in the source: `GET /` is a stand-in for a read the app serves');
  }
  // The example asks for a soft-deleted row where a model has them: the truest 'missing' record.
  const picks = (request: StarterRequest): string[] =>
    request.path.flatMap((part) => (typeof part === 'string' ? [] : [part.pool]));
  const softDeleting = (pool: string): boolean =>
    pools.some((p) => p.deleted === true && p.model === pools.find((q) => q.name === pool)?.model);
  const withId =
    requests.find((request) => picks(request).some(softDeleting)) ??
    requests.find((request) => picks(request).length > 0);
  const from = reads.length > 0 ? [...new Set(reads.map((r) => r.at.replace(/:\d+$/, '')))].join(', ') : undefined;
  return {
    requests: { value: requests, from, todo: todos },
    missingExample: withId && missing(withId, pools),
  };
}

/** The same route for an id no live row has: a soft-deleted row's, else the largest int4 or a nil-like uuid. */
function missing(request: StarterRequest, pools: readonly StarterPool[]): StarterRequest {
  const path = request.path.map((part) => {
    if (typeof part === 'string') return part;
    const pool = pools.find((p) => p.name === part.pool);
    const deleted = pools.find((p) => p.deleted === true && p.model === pool?.model);
    if (deleted !== undefined) return { pool: deleted.name };
    return pool?.idType === 'Int' || pool?.idType === 'BigInt' ? '2147483647' : '00000000-0000-4000-8000-000000000000';
  });
  return { name: `missing-${request.name}`, route: request.route, path };
}

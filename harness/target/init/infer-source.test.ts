// What init reads from an app's source: the variables it reads (its port above all, where it listens),
// the routes it registers, the health endpoints among them, and reads built from the GET routes with
// their ids drawn from the pools — and never from tests, dependencies or generated code.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envReads, pickPort, pickRedis } from './infer-env.ts';
import { healthOf, routesIn } from './infer-routes.ts';
import { readSources } from './read-sources.ts';
import { readRequests } from './requests.ts';
import type { StarterPool } from './types.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'faultline-init-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const write = (file: string, text: string): void => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};

const APP = `
import express from 'express';
const { REDIS_URL, LOG_LEVEL } = process.env;
const legacyPort = process.env.PORT; // far from listen: not the one it listens on
const metricsPort = Number(process.env.METRICS_PORT ?? 9100);
export const app = express();
app.get('/health/live', (_req, res) => res.send('ok'));
app.get("/health/ready", (_req, res) => res.send('ok'));
app.use('/api', api);
api.get('/posts', list);
api.get('/posts/:postId', one);
api.get('/categories/:slug/posts', byCategory);
api.post('/posts', create);
router.route('/posts/:postId').delete(remove);
await axios.get('/elsewhere', { timeout: 1 });

app.listen(Number(process.env.HTTP_PORT ?? 3000), () => {});
`;

describe('the source an app is read from', () => {
  it('is src/ and the top-level files, without tests, dependencies or generated code', () => {
    write('server.js', 'process.env.TOP');
    write('src/app.ts', 'process.env.APP');
    write('src/app.test.ts', 'process.env.IN_A_TEST');
    write('src/generated/prisma/client.ts', 'process.env.GENERATED');
    write('src/client/index.ts', 'process.env.CLIENT');
    write('node_modules/x/index.js', 'process.env.DEPENDENCY');
    write('scripts/tool.ts', 'process.env.OUTSIDE_SRC');
    const files = readSources(dir, [path.join(dir, 'src', 'client')]);
    expect(files.map((f) => f.path)).toEqual(['server.js', 'src/app.ts']);
  });
});

describe('environment variables', () => {
  it("takes the port read where the app listens, over PORT read elsewhere and a metrics port, and Redis's URL", () => {
    write('src/app.ts', APP);
    const reads = envReads(readSources(dir));
    expect(pickPort(reads)).toEqual({ value: 'HTTP_PORT', from: 'src/app.ts:17', note: 'also read: PORT' });
    expect(pickRedis(reads)).toEqual({ value: 'REDIS_URL', from: 'src/app.ts:3' });
  });

  it('finds a port read far from listen, through a settings helper or a config schema', () => {
    write('src/settings.ts', "export const port = integer(env, 'HTTP_PORT', 8080, 0);\n");
    expect(pickPort(envReads(readSources(dir))).value).toBe('HTTP_PORT');
    write(
      'src/settings.ts',
      'const schema = z.object({\n  APP_PORT: z.coerce.number(),\n  DB_PORT: z.coerce.number(),\n});\n',
    );
    expect(pickPort(envReads(readSources(dir))).value).toBe('APP_PORT');
  });

  it('says when it found no port, and when Redis is not one URL', () => {
    write('src/app.ts', 'app.listen(3000);\nnew Redis({ host: process.env.REDIS_HOST });\n');
    const reads = envReads(readSources(dir));
    expect(pickPort(reads)).toMatchObject({ value: 'PORT', todo: /no port variable found/ });
    expect(pickRedis(reads)).toMatchObject({ value: undefined, todo: /reads REDIS_HOST/ });
  });
});

describe('routes and health endpoints', () => {
  it('finds registrations (not requests the app makes) and the prefixes routers are mounted under', () => {
    write('src/app.ts', APP);
    const { routes, prefixes } = routesIn(readSources(dir));
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /health/live',
      'GET /health/ready',
      'GET /posts',
      'GET /posts/:postId',
      'GET /categories/:slug/posts',
      'POST /posts',
      'DELETE /posts/:postId',
    ]);
    expect(prefixes).toEqual(['/api']);
  });

  it("puts a mounted router's routes under its mount path, followed through imports and requires", () => {
    write(
      'src/app.ts',
      "import { api } from './api/index.js';\napp.use('/api', api);\napp.use('/admin', (req, res, next) => next());\n",
    );
    write(
      'src/api/index.ts',
      "import users from './users.js';\nexport const api = Router();\napi.use('/users', auth, users);\n",
    );
    write('src/api/users.ts', "const router = Router();\nrouter.get('/:id', one);\nexport default router;\n");
    write('src/legacy.js', "app.use('/v0', require('./old'));\n");
    write('src/old.js', "router.get('/things', list);\n");
    const { routes, prefixes } = routesIn(readSources(dir));
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/users/:id', 'GET /v0/things']);
    expect(prefixes).toEqual(['/admin']);
  });

  it("joins a NestJS controller's path to its handlers' and takes the global prefix", () => {
    write(
      'src/books.controller.ts',
      "@Controller('books')\nexport class BooksController {\n  @Get()\n  list() {}\n  @Get(':id')\n  one() {}\n  @Post()\n  add() {}\n}\n",
    );
    write('src/health.controller.ts', "@Controller()\nexport class Health {\n  @Get('healthz')\n  ok() {}\n}\n");
    write('src/main.ts', "app.setGlobalPrefix('api');\nawait app.listen(process.env.PORT ?? 3000);\n");
    const { routes, prefixes } = routesIn(readSources(dir));
    expect(routes.map((r) => `${r.method} ${r.path} ${r.at}`)).toEqual([
      'GET /books src/books.controller.ts:3',
      'GET /books/:id src/books.controller.ts:5',
      'POST /books src/books.controller.ts:7',
      'GET /healthz src/health.controller.ts:3',
    ]);
    expect(prefixes).toEqual(['/api']);
  });

  it('names the health endpoints and waits on the readiness one', () => {
    write('src/app.ts', APP);
    expect(healthOf(routesIn(readSources(dir)).routes).value).toEqual({
      endpoints: { live: '/health/live', ready: '/health/ready' },
      ready: 'ready',
    });
    write('src/app.ts', "app.get('/healthz', ok);\napp.get('/readyz', ready);\n");
    expect(healthOf(routesIn(readSources(dir)).routes).value).toEqual({
      endpoints: { health: '/healthz', ready: '/readyz' },
      ready: 'ready',
    });
    write('src/app.ts', "app.get('/status/health', ok);\napp.get('/status/health/detailed', ok);\n");
    expect(healthOf(routesIn(readSources(dir)).routes).value).toEqual({
      endpoints: { health: '/status/health', detailed: '/status/health/detailed' },
      ready: 'health',
    });
  });

  it('stands in the first GET route for a health endpoint it did not find, with a TODO', () => {
    write('src/app.ts', "app.get('/posts', list);\n");
    expect(healthOf(routesIn(readSources(dir)).routes)).toMatchObject({
      value: { endpoints: { ready: '/posts' }, ready: 'ready' },
      todo: /no health route found/,
    });
  });
});

describe('read requests', () => {
  const pools: StarterPool[] = [
    { name: 'posts', query: 'SELECT "id" FROM "Post"', model: 'Post', table: 'posts', idType: 'Int' },
  ];

  it('reads each GET route, an id from the pool its path names, and leaves writes to a TODO', () => {
    write('src/app.ts', APP);
    const { routes, prefixes } = routesIn(readSources(dir));
    const { requests, missingExample } = readRequests(routes, pools, prefixes);
    expect(requests.value).toEqual([
      { name: 'posts', route: 'GET /posts', path: ['/posts'] },
      { name: 'posts-by-postId', route: 'GET /posts/:postId', path: ['/posts/', { pool: 'posts' }] },
      {
        name: 'categories-by-slug-posts',
        route: 'GET /categories/:slug/posts',
        path: ['/categories/1/posts'],
        todo: 'no pool matches :slug: replace the 1 with a real id',
      },
    ]);
    expect(requests.todo).toEqual([
      expect.stringMatching(/mounted under \/api/),
      expect.stringMatching(/^add the writes \(found: POST \/posts, DELETE \/posts\/:postId\)/),
    ]);
    expect(missingExample).toEqual({
      name: 'missing-posts-by-postId',
      route: 'GET /posts/:postId',
      path: ['/posts/', '2147483647'],
    });
  });

  it("asks a soft-deleting model's route for a deleted row's id as its missing example", () => {
    const softDeleting: StarterPool[] = [
      { ...pools[0]!, query: 'SELECT "id" FROM "posts" WHERE "deletedAt" IS NULL' },
      {
        ...pools[0]!,
        name: 'deletedPosts',
        query: 'SELECT "id" FROM "posts" WHERE "deletedAt" IS NOT NULL',
        deleted: true,
      },
    ];
    write('src/app.ts', "app.get('/posts/:id', one);\n");
    const { requests, missingExample } = readRequests(routesIn(readSources(dir)).routes, softDeleting, []);
    expect(requests.value[0]?.path).toEqual(['/posts/', { pool: 'posts' }]);
    expect(missingExample?.path).toEqual(['/posts/', { pool: 'deletedPosts' }]);
  });
});

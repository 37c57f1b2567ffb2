// The contract of an admin-curated catalog (artists, venues): list and get for any signed-in user,
// create/update/softDelete for admins; update and softDelete answer 404 — never 500 — for a missing
// or soft-deleted row and leave it unchanged. Each catalog's test file runs it on its own app.
import { describe, expect, it } from 'vitest';
import { createUser, missingId, type TestApp } from './support.ts';

export interface CatalogRow {
  id: string;
  name: string;
  deletedAt: Date | null;
}

export interface Catalog {
  /** Path segment and response keys: `/artists`, `{ artist }`, `{ artists }`. */
  path: string;
  one: string;
  many: string;
  validCreate: Record<string, unknown>;
  invalidCreates: [string, Record<string, unknown>][];
  invalidUpdates: [string, Record<string, unknown>][];
  insert(app: TestApp, options: { deleted?: boolean; name?: string }): Promise<CatalogRow>;
  read(app: TestApp, id: string): Promise<CatalogRow>;
}

export function describeCatalog(getApp: () => TestApp, catalog: Catalog): void {
  const { path, one, many } = catalog;
  const admin = () => createUser(getApp(), { role: 'ADMIN' });

  describe(`GET ${path}`, () => {
    it('lists live rows by name and hides soft-deleted ones', async () => {
      const app = getApp();
      const live = await catalog.insert(app, { name: 'AAA first' });
      const gone = await catalog.insert(app, { name: 'AAA gone', deleted: true });
      const { token } = await createUser(app);
      const res = await app.api('GET', `${path}?limit=100`, { token });
      expect(res.status).toBe(200);
      const ids = res.body[many].map((row: { id: string }) => row.id);
      expect(ids).toContain(live.id);
      expect(ids).not.toContain(gone.id);
    });

    it('gets one live row; 404 for missing or soft-deleted; 400 for a malformed id', async () => {
      const app = getApp();
      const live = await catalog.insert(app, {});
      const gone = await catalog.insert(app, { deleted: true });
      const { token } = await createUser(app);
      const res = await app.api('GET', `${path}/${live.id}`, { token });
      expect(res.status).toBe(200);
      expect(res.body[one].id).toBe(live.id);
      expect((await app.api('GET', `${path}/${gone.id}`, { token })).status).toBe(404);
      expect((await app.api('GET', `${path}/${missingId()}`, { token })).body.error.code).toBe('NOT_FOUND');
      expect((await app.api('GET', `${path}/nope`, { token })).status).toBe(400);
      expect((await app.api('GET', `${path}?limit=-5`, { token })).status).toBe(400);
    });
  });

  describe(`POST ${path}`, () => {
    it('creates a row for an admin (201)', async () => {
      const app = getApp();
      const res = await app.api('POST', path, { token: (await admin()).token, body: catalog.validCreate });
      expect(res.status).toBe(201);
      expect(res.body[one]).toMatchObject(catalog.validCreate);
      expect((await catalog.read(app, res.body[one].id)).name).toBe(catalog.validCreate.name);
    });

    it.each(catalog.invalidCreates)('rejects %s with 400', async (_name, body) => {
      const res = await getApp().api('POST', path, { token: (await admin()).token, body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe(`update (PATCH ${path}/:id)`, () => {
    it('renames a live row', async () => {
      const app = getApp();
      const row = await catalog.insert(app, {});
      const res = await app.api('PATCH', `${path}/${row.id}`, {
        token: (await admin()).token,
        body: { name: 'Renamed' },
      });
      expect(res.status).toBe(200);
      expect(res.body[one].name).toBe('Renamed');
      expect((await catalog.read(app, row.id)).name).toBe('Renamed');
    });

    it('answers 404 NOT_FOUND for a missing row', async () => {
      const res = await getApp().api('PATCH', `${path}/${missingId()}`, {
        token: (await admin()).token,
        body: { name: 'Ghost' },
      });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    });

    it('answers 404 for a soft-deleted row and leaves it unchanged', async () => {
      const app = getApp();
      const row = await catalog.insert(app, { deleted: true });
      const res = await app.api('PATCH', `${path}/${row.id}`, {
        token: (await admin()).token,
        body: { name: 'Zombie' },
      });
      expect(res.status).toBe(404);
      expect(await catalog.read(app, row.id)).toEqual(row);
    });

    it.each([...catalog.invalidUpdates, ['an empty body', {}] as [string, Record<string, unknown>]])(
      'rejects %s with 400',
      async (_name, body) => {
        const app = getApp();
        const row = await catalog.insert(app, {});
        const res = await app.api('PATCH', `${path}/${row.id}`, { token: (await admin()).token, body });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
      },
    );
  });

  describe(`softDelete (DELETE ${path}/:id)`, () => {
    it('soft-deletes a live row (204) and it is gone from reads', async () => {
      const app = getApp();
      const row = await catalog.insert(app, {});
      const { token } = await admin();
      expect((await app.api('DELETE', `${path}/${row.id}`, { token })).status).toBe(204);
      expect((await catalog.read(app, row.id)).deletedAt).not.toBeNull();
      expect((await app.api('GET', `${path}/${row.id}`, { token })).status).toBe(404);
    });

    it('answers 404 for a missing row, and for a soft-deleted one without touching it', async () => {
      const app = getApp();
      const { token } = await admin();
      expect((await app.api('DELETE', `${path}/${missingId()}`, { token })).body.error.code).toBe('NOT_FOUND');
      const row = await catalog.insert(app, { deleted: true });
      expect((await app.api('DELETE', `${path}/${row.id}`, { token })).status).toBe(404);
      expect(await catalog.read(app, row.id)).toEqual(row);
    });

    it('answers 400 for a malformed id', async () => {
      expect((await getApp().api('DELETE', `${path}/1`, { token: (await admin()).token })).status).toBe(400);
    });
  });

  describe('authentication and authorization', () => {
    const id = missingId();
    const routes: [string, string, unknown][] = [
      ['GET', path, undefined],
      ['GET', `${path}/${id}`, undefined],
      ['POST', path, catalog.validCreate],
      ['PATCH', `${path}/${id}`, { name: 'x' }],
      ['DELETE', `${path}/${id}`, undefined],
    ];

    it.each(routes)('%s %s answers 401 without a token', async (method, route, body) => {
      expect((await getApp().api(method, route, { body })).status).toBe(401);
    });

    it.each(routes.filter(([method]) => method !== 'GET'))(
      '%s %s answers 403 to USER and ORGANIZER and writes nothing',
      async (method, route, body) => {
        const app = getApp();
        const row = await catalog.insert(app, {});
        const target = route.replace(id, row.id);
        for (const role of ['USER', 'ORGANIZER'] as const) {
          const res = await app.api(method, target, { token: (await createUser(app, { role })).token, body });
          expect(res.status).toBe(403);
          expect(res.body.error.code).toBe('FORBIDDEN');
        }
        expect(await catalog.read(app, row.id)).toEqual(row);
      },
    );
  });
}

// Artists: the admin-curated catalog contract (test/catalog-contract.ts) on a real database.
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { startTestApp, type TestApp } from '../../test/support.ts';
import { createArtist } from '../../test/fixtures-events.ts';
import { describeCatalog } from '../../test/catalog-contract.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('artists');
  app = await startTestApp(db.url);
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

describeCatalog(() => app, {
  path: '/artists',
  one: 'artist',
  many: 'artists',
  validCreate: { name: 'Nina Simone', genre: 'jazz', bio: 'High Priestess of Soul' },
  invalidCreates: [
    ['no name', { genre: 'jazz' }],
    ['an empty name', { name: '  ' }],
    ['a name that is not a string', { name: 42 }],
    ['an unknown field', { name: 'A', deletedAt: null }],
  ],
  invalidUpdates: [
    ['an empty name', { name: '' }],
    ['an unknown field', { id: 'x' }],
    ['a genre that is not a string', { genre: 1 }],
  ],
  insert: (testApp, options) => createArtist(testApp, options),
  read: (testApp, id) => testApp.prisma.artist.findUniqueOrThrow({ where: { id } }),
});

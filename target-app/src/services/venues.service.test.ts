// Venues: the admin-curated catalog contract (test/catalog-contract.ts) on a real database.
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../harness/testing/database.ts';
import { startTestApp, type TestApp } from '../../test/support.ts';
import { createVenue } from '../../test/fixtures-events.ts';
import { describeCatalog } from '../../test/catalog-contract.ts';

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase('venues');
  app = await startTestApp(db.url);
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

describeCatalog(() => app, {
  path: '/venues',
  one: 'venue',
  many: 'venues',
  validCreate: { name: 'Coliseu', city: 'Porto', address: 'Rua de Passos Manuel 137', capacity: 3_000 },
  invalidCreates: [
    ['no city', { name: 'Hall' }],
    ['an empty name', { name: '', city: 'Porto' }],
    ['a zero capacity', { name: 'Hall', city: 'Porto', capacity: 0 }],
    ['a capacity given as a string', { name: 'Hall', city: 'Porto', capacity: '100' }],
    ['an unknown field', { name: 'Hall', city: 'Porto', seats: 3 }],
  ],
  invalidUpdates: [
    ['an empty city', { city: '' }],
    ['a fractional capacity', { capacity: 2.5 }],
    ['an unknown field', { deletedAt: null }],
  ],
  insert: (testApp, options) => createVenue(testApp, options),
  read: (testApp, id) => testApp.prisma.venue.findUniqueOrThrow({ where: { id } }),
});

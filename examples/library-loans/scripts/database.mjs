// `migrate`: applies prisma/migrations/*/migration.sql in name order, each once, recorded in a table
// of its own (Prisma's `migrate deploy` needs a schema engine that offline machines cannot download).
// `seed`: runs prisma/seed.sql, which is idempotent. Both read the database URL from LIBRARY_DB.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command] = process.argv.slice(2);
const url = process.env.LIBRARY_DB;
if (url === undefined || !['migrate', 'seed'].includes(command ?? '')) {
  console.error('usage: LIBRARY_DB=postgresql://... node scripts/database.mjs migrate|seed');
  process.exit(2);
}

const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  if (command === 'seed') {
    await client.query(fs.readFileSync(path.join(root, 'prisma', 'seed.sql'), 'utf8'));
    console.log('seeded');
  } else {
    await client.query(
      'CREATE TABLE IF NOT EXISTS library_migrations (name TEXT PRIMARY KEY, at TIMESTAMPTZ DEFAULT now())',
    );
    const dir = path.join(root, 'prisma', 'migrations');
    const names = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    for (const name of names) {
      const done = await client.query('SELECT 1 FROM library_migrations WHERE name = $1', [name]);
      if (done.rowCount) continue;
      await client.query('BEGIN');
      await client.query(fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8'));
      await client.query('INSERT INTO library_migrations (name) VALUES ($1)', [name]);
      await client.query('COMMIT');
      console.log(`applied ${name}`);
    }
  }
} finally {
  await client.end();
}

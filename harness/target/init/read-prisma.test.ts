// The schema reader and the pools made from it: a pool must select the column and table PostgreSQL
// has (@@map, @map, @id), keep to live rows of a soft-deleting model, and the datasource's variable
// must be found where Prisma 6 (the schema) or Prisma 7 (prisma.config.ts) keeps it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPrisma } from './find-prisma.ts';
import { poolsOf } from './pools.ts';
import type { PackageInfo } from './read-package.ts';
import { parsePrismaSchema } from './read-prisma.ts';

const SCHEMA = `
// A comment with a model Fake { inside } that is not a model.
datasource db {
  provider = "postgresql"
  url      = env("SHOP_DATABASE_URL") // the app's variable
}

generator client {
  provider = "prisma-client"
  output   = "../src/generated/prisma"
}

model Customer {
  customerId String    @id @default(uuid()) @map("customer_id") @db.Uuid
  homepage   String    @default("https://example.com//x") // a // in a string is not a comment
  deletedAt  DateTime? @map("deleted_at")
  orders     Order[]

  @@map("customers")
}

model Order {
  id         Int      @id @default(autoincrement())
  customerId String   @map("customer_id")
  customer   Customer @relation(fields: [customerId], references: [customerId])
}

model OrderLine {
  orderId Int
  sku     String
  @@id([orderId, sku])
  @@map(name: "order_lines")
}

model Setting {
  key   String @map("setting_key")
  value String
  @@id(fields: [key])
  @@schema("config")
}

model Draft {
  id        Int     @id
  isDeleted Boolean @default(false) @map("is_deleted")
}

model Legacy {
  id Int @id
  @@ignore
}
`;

describe('parsePrismaSchema', () => {
  const schema = parsePrismaSchema(SCHEMA);
  const model = (name: string) => schema.models.find((m) => m.name === name);

  it('reads the table from @@map and the id column from @id and @map', () => {
    expect(model('Customer')).toMatchObject({ table: 'customers', idColumn: 'customer_id', idType: 'String' });
    expect(model('Order')).toMatchObject({ table: 'Order', idColumn: 'id', idType: 'Int' });
  });

  it('takes a one-field @@id as the id, and a composite one as no single id', () => {
    expect(model('Setting')).toMatchObject({ idColumn: 'setting_key', schema: 'config' });
    expect(model('OrderLine')).toMatchObject({
      table: 'order_lines',
      idColumn: undefined,
      compositeId: ['orderId', 'sku'],
    });
  });

  it('finds a nullable deletedAt and a deleted flag, each by its column', () => {
    expect(model('Customer')?.softDelete).toEqual({ column: 'deleted_at', kind: 'timestamp' });
    expect(model('Draft')?.softDelete).toEqual({ column: 'is_deleted', kind: 'flag' });
    expect(model('Order')?.softDelete).toBeUndefined();
  });

  it("ignores comments, reads the datasource's variable and the generated client's folder", () => {
    expect(schema.models.map((m) => m.name)).toEqual(['Customer', 'Order', 'OrderLine', 'Setting', 'Draft', 'Legacy']);
    expect(schema.datasource).toEqual({ provider: 'postgresql', urlEnv: 'SHOP_DATABASE_URL' });
    expect(schema.generatorOutputs).toEqual(['../src/generated/prisma']);
  });
});

describe('poolsOf', () => {
  it('makes a pool per model with a single id, live rows only, and a pool of the deleted ones', () => {
    const { pools, skipped } = poolsOf(parsePrismaSchema(SCHEMA).models);
    expect(Object.fromEntries(pools.map((pool) => [pool.name, pool.query]))).toEqual({
      customers: 'SELECT "customer_id" FROM "customers" WHERE "deleted_at" IS NULL',
      deletedCustomers: 'SELECT "customer_id" FROM "customers" WHERE "deleted_at" IS NOT NULL',
      orders: 'SELECT "id" FROM "Order"',
      settings: 'SELECT "setting_key" FROM "config"."Setting"',
      drafts: 'SELECT "id" FROM "Draft" WHERE NOT "is_deleted"',
      deletedDrafts: 'SELECT "id" FROM "Draft" WHERE "is_deleted"',
    });
    expect(skipped).toEqual(['OrderLine (its id is composite: orderId, sku)']);
  });
});

describe('findPrisma', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const pkg = (prisma: PackageInfo['prisma'] = {}): PackageInfo => ({ name: 'shop', scripts: {}, esm: true, prisma });
  const write = (file: string, text: string): void => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };

  it("follows package.json's prisma.schema and finds the migrations beside it", () => {
    dir = mkdtempSync(path.join(tmpdir(), 'faultline-init-'));
    write('db/shop.prisma', SCHEMA);
    write('db/migrations/20260101000000_init/migration.sql', 'CREATE TABLE x ();');
    const found = findPrisma(dir, pkg({ schema: 'db/shop.prisma', seed: 'tsx db/seed.ts' }));
    expect(found).toMatchObject({
      schemaFile: 'db/shop.prisma',
      urlEnv: { name: 'SHOP_DATABASE_URL', from: 'db/shop.prisma' },
      migrationsDir: 'db/migrations',
      seed: { command: 'tsx db/seed.ts', from: 'package.json prisma.seed' },
      generatedDirs: [path.join(dir, 'src', 'generated', 'prisma')],
    });
  });

  it.each([
    ["env('APP_DB')", 'APP_DB'],
    ['process.env.APP_DB ?? "postgresql://localhost/app"', 'APP_DB'],
    ["process.env['APP_DB']", 'APP_DB'],
  ])('reads the variable from prisma.config.ts (url: %s), as Prisma 7 keeps it', (url, name) => {
    dir = mkdtempSync(path.join(tmpdir(), 'faultline-init-'));
    write('schema/app.prisma', 'datasource db {\n  provider = "postgresql"\n}\nmodel Post {\n  id Int @id\n}\n');
    write(
      'prisma.config.ts',
      `import { defineConfig, env } from 'prisma/config';\nexport default defineConfig({\n  schema: 'schema/app.prisma',\n  migrations: { path: 'schema/sql', seed: 'tsx schema/seed.ts' },\n  datasource: { url: ${url} },\n});\n`,
    );
    const found = findPrisma(dir, pkg());
    expect(found?.urlEnv).toEqual({ name, from: 'prisma.config.ts' });
    expect(found?.schemaFile).toBe('schema/app.prisma');
    expect(found?.seed).toEqual({ command: 'tsx schema/seed.ts', from: 'prisma.config.ts migrations.seed' });
    // schema/sql does not exist: no migrations to deploy.
    expect(found?.migrationsDir).toBeUndefined();
  });

  it('is undefined for a project without a schema', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'faultline-init-'));
    expect(findPrisma(dir, pkg())).toBeUndefined();
  });
});

// The schema the Prisma client expects (the DMMF of schema.prisma, computed offline by Prisma's own
// WASM schema engine) against what the migrations create in a real PostgreSQL database. A model,
// field, type, nullability, enum, key or relation that one has and the other lacks fails here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { createTestDatabase, type TestDatabase } from '../harness/testing/database.ts';
import { EXPECTED_TABLES } from '../target-app/src/lib/integrations.ts';

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  isRequired: boolean;
  isList: boolean;
  isId: boolean;
  isUnique: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
  uniqueFields: string[][];
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: { name: string; dbName?: string | null; values: { name: string }[] }[] };
}

const schemaPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema.prisma');
const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: fs.readFileSync(schemaPath, 'utf8') }))) as Dmmf;
const models = dmmf.datamodel.models;
const tableOf = (model: DmmfModel): string => model.dbName ?? model.name;
const columnOf = (field: DmmfField): string => field.dbName ?? field.name;

/** The PostgreSQL type Prisma's migrations create for a scalar field. */
function expectedType(field: DmmfField): string {
  if (field.kind === 'enum') return field.type;
  if (field.nativeType?.[0] === 'Uuid') return 'uuid';
  const byPrismaType: Record<string, string> = {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Boolean: 'boolean',
    DateTime: 'timestamp without time zone',
    Float: 'double precision',
    Json: 'jsonb',
    Decimal: 'numeric',
  };
  const type = byPrismaType[field.type];
  if (type === undefined) throw new Error(`no mapping for ${field.type}`);
  return type;
}

let db: TestDatabase;
let client: pg.Client;
const query = async <T extends pg.QueryResultRow>(sql: string): Promise<T[]> => (await client.query<T>(sql)).rows;

beforeAll(async () => {
  db = await createTestDatabase('schema');
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe('the migrations create the schema the client expects', () => {
  it('the same tables, and nothing else', async () => {
    const rows = await query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const actual = rows
      .map((row) => row.table_name)
      .filter((name) => name !== '_prisma_migrations')
      .sort();
    expect(actual).toEqual(models.map(tableOf).sort());
    expect([...EXPECTED_TABLES].sort()).toEqual(models.map(tableOf).sort());
  });

  it('every scalar field has its column, with the right type and nullability, and no column is unknown to the client', async () => {
    const columns = await query<{
      table_name: string;
      column_name: string;
      data_type: string;
      udt_name: string;
      is_nullable: string;
      column_default: string | null;
    }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    for (const model of models) {
      const table = tableOf(model);
      const scalarFields = model.fields.filter((field) => field.kind !== 'object');
      const actual = columns.filter((column) => column.table_name === table);
      expect(actual.map((column) => column.column_name).sort(), `columns of ${table}`).toEqual(
        scalarFields.map(columnOf).sort(),
      );
      for (const field of scalarFields) {
        const column = actual.find((candidate) => candidate.column_name === columnOf(field))!;
        const type = column.data_type === 'USER-DEFINED' ? column.udt_name : column.data_type;
        expect(type, `${table}.${column.column_name} type`).toBe(expectedType(field));
        expect(column.is_nullable === 'NO', `${table}.${column.column_name} NOT NULL`).toBe(field.isRequired);
      }
    }
  });

  it('the same enums with the same values', async () => {
    const rows = await query<{ name: string; value: string }>(
      `SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`,
    );
    const actual: Record<string, string[]> = {};
    for (const row of rows) (actual[row.name] ??= []).push(row.value);
    const expected = Object.fromEntries(
      dmmf.datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.name)]),
    );
    expect(actual).toEqual(expected);
  });

  it('the same primary keys, unique constraints and foreign keys', async () => {
    const constraints = await query<{ table_name: string; kind: string; columns: string[] }>(`
      SELECT c.conrelid::regclass::text AS table_name, c.contype AS kind,
             array_agg(a.attname ORDER BY k.ord)::text[] AS columns
      FROM pg_constraint c
      CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
      WHERE c.connamespace = 'public'::regnamespace AND c.contype IN ('p', 'f')
      GROUP BY c.oid, c.conrelid, c.contype`);
    const uniques = await query<{ table_name: string; columns: string[] }>(`
      SELECT i.indrelid::regclass::text AS table_name, array_agg(a.attname ORDER BY k.ord)::text[] AS columns
      FROM pg_index i
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      JOIN pg_class t ON t.oid = i.indrelid
      WHERE i.indisunique AND NOT i.indisprimary AND i.indpred IS NULL AND t.relnamespace = 'public'::regnamespace
      GROUP BY i.indexrelid, i.indrelid`);
    const key = (table: string, columns: string[]): string => `${table}(${columns.join(',')})`;
    const expectedPk: string[] = [];
    const expectedUnique: string[] = [];
    const expectedFk: string[] = [];
    for (const model of models) {
      const table = tableOf(model);
      const byName = (name: string): string => columnOf(model.fields.find((field) => field.name === name)!);
      const pk = model.primaryKey?.fields ?? model.fields.filter((field) => field.isId).map((field) => field.name);
      expectedPk.push(key(table, pk.map(byName)));
      for (const field of model.fields.filter((f) => f.isUnique)) expectedUnique.push(key(table, [columnOf(field)]));
      for (const fields of model.uniqueFields) expectedUnique.push(key(table, fields.map(byName)));
      for (const field of model.fields.filter((f) => (f.relationFromFields ?? []).length > 0))
        expectedFk.push(key(table, field.relationFromFields!.map(byName)));
    }
    const unquote = (table: string): string => table.replace(/"/g, '');
    expect(
      constraints
        .filter((c) => c.kind === 'p' && c.table_name !== '_prisma_migrations')
        .map((c) => key(unquote(c.table_name), c.columns))
        .sort(),
    ).toEqual(expectedPk.sort());
    expect(
      constraints
        .filter((c) => c.kind === 'f')
        .map((c) => key(unquote(c.table_name), c.columns))
        .sort(),
    ).toEqual(expectedFk.sort());
    expect(uniques.map((u) => key(unquote(u.table_name), u.columns)).sort()).toEqual(expectedUnique.sort());
  });
});

// Partial unique indexes are beyond Prisma's schema language (the comparison above leaves them out),
// so each one the app relies on is named here.
describe('the partial unique indexes the app relies on', () => {
  it('an e-mail address is unique among live users only', async () => {
    const rows = await query<{ definition: string }>(
      `SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index WHERE indrelid = 'users'::regclass AND indisunique AND indpred IS NOT NULL`,
    );
    expect(rows.map((row) => row.definition)).toEqual([
      expect.stringMatching(
        /UNIQUE INDEX users_email_live_key ON public\.users USING btree \(email\) WHERE \("deletedAt" IS NULL\)/,
      ),
    ]);
  });
});

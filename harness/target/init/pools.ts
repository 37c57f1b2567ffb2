// A Prisma model becomes an id pool: `books: SELECT "id" FROM "Book"`. A soft-deleting model's pool
// keeps to live rows, and a second pool holds the deleted ones (what a `missing` request asks for).
import type { PrismaModel } from './read-prisma.ts';
import type { StarterPool } from './types.ts';

/** 'Book' → 'books', 'ChatMessage' → 'chatMessages', 'Category' → 'categories'. */
export function plural(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}

const lowerFirst = (word: string): string => word.charAt(0).toLowerCase() + word.slice(1);
const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export function poolsOf(models: readonly PrismaModel[]): { pools: StarterPool[]; skipped: string[] } {
  const pools: StarterPool[] = [];
  const skipped: string[] = [];
  for (const model of models) {
    if (model.ignored) continue;
    if (model.idColumn === undefined) {
      skipped.push(
        model.compositeId === undefined
          ? `${model.name} (no @id)`
          : `${model.name} (its id is composite: ${model.compositeId.join(', ')})`,
      );
      continue;
    }
    const from = `SELECT ${ident(model.idColumn)} FROM ${model.schema === undefined ? '' : `${ident(model.schema)}.`}${ident(model.table)}`;
    const name = plural(lowerFirst(model.name));
    const base = { model: model.name, table: model.table, idType: model.idType ?? 'String' };
    const deleted = model.softDelete;
    if (deleted === undefined) {
      pools.push({ name, query: from, ...base });
      continue;
    }
    const column = ident(deleted.column);
    const [live, gone] =
      deleted.kind === 'flag' ? [`NOT ${column}`, column] : [`${column} IS NULL`, `${column} IS NOT NULL`];
    pools.push({ name, query: `${from} WHERE ${live}`, ...base });
    pools.push({
      name: `deleted${plural(model.name)}`,
      query: `${from} WHERE ${gone}`,
      note: 'soft-deleted rows, for `missing` requests; remove it if the seed deletes none (an empty pool stops a run)',
      deleted: true,
      ...base,
    });
  }
  return { pools, skipped };
}

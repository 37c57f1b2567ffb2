// Reads a Prisma schema's text for `faultline init`: each model's table and id column as PostgreSQL
// names them (@@map, @map, @id, @@id, @@schema), its soft-delete column if it has one, and the
// datasource's variable. A line reader, not Prisma's parser: Faultline does not ship Prisma's engines.

export interface PrismaModel {
  name: string;
  /** The table: @@map's name, else the model's. */
  table: string;
  /** @@schema's, for a multi-schema database. */
  schema?: string;
  /** The id's column (@map'ed), when the id is one field; undefined for a composite or missing id. */
  idColumn?: string;
  /** The id field's Prisma type ('Int', 'String'), with idColumn. */
  idType?: string;
  /** The fields of a composite @@id([a, b]). */
  compositeId?: string[];
  /** A nullable `deletedAt`-like timestamp, or a `deleted`/`isDeleted` flag: the row is gone while set. */
  softDelete?: { column: string; kind: 'timestamp' | 'flag' };
  /** @@ignore: the Prisma client does not know it, so no request reads it. */
  ignored: boolean;
}

export interface PrismaSchema {
  models: PrismaModel[];
  /** The datasource's provider ('postgresql') and the variable `url = env("X")` names, when it does. */
  datasource?: { provider?: string; urlEnv?: string };
  /** Each generator's `output`, relative to the schema file: generated code, not the app's. */
  generatorOutputs: string[];
}

/** A line without its `//` comment (a `//` inside a string, as in a URL default, is kept). */
function withoutComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '\\' && inString) i++;
    else if (char === '"') inString = !inString;
    else if (char === '/' && line[i + 1] === '/' && !inString) return line.slice(0, i);
  }
  return line;
}

const SOFT_DELETE_TIMESTAMP = /^deleted_?(at|on|date|time)?$/i;
const SOFT_DELETE_FLAG = /^(is_?)?deleted$/i;

/** `@map("x")` or `@map(name: "x")` (and the same for @@map, @@schema). */
const nameArgument = (attribute: string, text: string): string | undefined =>
  new RegExp(`${attribute}\\(\\s*(?:name\\s*:\\s*)?"([^"]+)"`).exec(text)?.[1];

interface Field {
  name: string;
  type: string;
  optional: boolean;
  column: string;
  id: boolean;
}

function readModel(name: string, body: string[]): PrismaModel {
  const fields: Field[] = [];
  let table = name;
  let schema: string | undefined;
  let compositeId: string[] | undefined;
  let ignored = false;
  for (const line of body) {
    if (line.startsWith('@@')) {
      table = nameArgument('@@map', line) ?? table;
      schema = nameArgument('@@schema', line) ?? schema;
      const id = /^@@id\(\s*(?:fields\s*:\s*)?\[([^\]]*)\]/.exec(line)?.[1];
      if (id !== undefined) compositeId = id.split(',').map((field) => field.trim().replace(/\(.*$/, ''));
      if (/^@@ignore\b/.test(line)) ignored = true;
      continue;
    }
    const match = /^(\w+)\s+(\w+)(\?|\[\])?\s*(.*)$/.exec(line);
    if (match === null) continue;
    const [, fieldName = '', type = '', modifier, attributes = ''] = match;
    fields.push({
      name: fieldName,
      type,
      optional: modifier === '?',
      column: nameArgument('@map', attributes) ?? fieldName,
      id: /@id\b/.test(attributes),
    });
  }
  const byName = (field: string): Field | undefined => fields.find((f) => f.name === field);
  // @@id([id]) over one field is an id like @id; over several, no single column identifies a row.
  const idField = fields.find((f) => f.id) ?? (compositeId?.length === 1 ? byName(compositeId[0]!) : undefined);
  const softDeleted =
    fields.find((f) => f.type === 'DateTime' && f.optional && SOFT_DELETE_TIMESTAMP.test(f.name)) ??
    fields.find((f) => f.type === 'Boolean' && SOFT_DELETE_FLAG.test(f.name));
  return {
    name,
    table,
    schema,
    idColumn: idField?.column,
    idType: idField?.type,
    compositeId: compositeId !== undefined && compositeId.length > 1 ? compositeId : undefined,
    softDelete:
      softDeleted === undefined
        ? undefined
        : { column: softDeleted.column, kind: softDeleted.type === 'Boolean' ? 'flag' : 'timestamp' },
    ignored,
  };
}

export function parsePrismaSchema(text: string): PrismaSchema {
  const schema: PrismaSchema = { models: [], generatorOutputs: [] };
  let block: { kind: string; name: string; body: string[] } | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = withoutComment(raw).trim();
    if (block === undefined) {
      const start = /^(model|datasource|generator|view|enum|type)\s+(\w+)\s*\{$/.exec(line);
      if (start !== null) block = { kind: start[1]!, name: start[2]!, body: [] };
      continue;
    }
    if (line !== '}') {
      if (line !== '') block.body.push(line);
      continue;
    }
    const setting = (key: string): string | undefined =>
      block?.body.map((l) => new RegExp(`^${key}\\s*=\\s*(.+)$`).exec(l)?.[1]).find((v) => v !== undefined);
    if (block.kind === 'model') schema.models.push(readModel(block.name, block.body));
    if (block.kind === 'datasource') {
      const url = setting('url');
      schema.datasource = {
        provider: /^"([^"]*)"/.exec(setting('provider') ?? '')?.[1],
        urlEnv: url === undefined ? undefined : /^env\(\s*"([^"]+)"\s*\)/.exec(url)?.[1],
      };
    }
    const output = block.kind === 'generator' ? /^"([^"]+)"/.exec(setting('output') ?? '')?.[1] : undefined;
    if (output !== undefined) schema.generatorOutputs.push(output);
    block = undefined;
  }
  return schema;
}

/**
 * Describes a database schema two ways — from the Prisma DMMF of a schema.prisma text, and from
 * a live PostgreSQL catalog — in one normalised shape, so a test can diff them. Covered: tables,
 * columns (type as `format_type`, nullability), enums and their values, primary/unique keys,
 * plain indexes and foreign keys with their referential actions.
 */
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import type pg from 'pg';

export interface SchemaShape {
  tables: Record<string, Record<string, { type: string; nullable: boolean }>>;
  enums: Record<string, string[]>;
  /** `table(col,col)` with a `unique:`/`index:` prefix. */
  indexes: string[];
  /** `table(cols) -> ref(cols) on delete X on update Y`. */
  foreignKeys: string[];
}

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  nativeType?: [string, string[]] | null;
  isRequired: boolean;
  isList: boolean;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel { name: string; dbName: string | null; fields: DmmfField[] }
interface DmmfIndex { model: string; type: 'id' | 'unique' | 'normal' | 'fulltext'; fields: { name: string }[] }

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
  Decimal: 'numeric(65,30)',
};

function nativeTypeName(field: DmmfField): string {
  const [name, args] = field.nativeType ?? ['', []];
  switch (name) {
    case 'Date': return 'date';
    case 'Time': return `time(${args[0] ?? 6}) without time zone`;
    case 'Timestamptz': return `timestamp(${args[0] ?? 3}) with time zone`;
    case 'Decimal': return `numeric(${args.join(',')})`;
    case 'VarChar': return `character varying(${args[0]})`;
    default: throw new Error(`schema-drift: unmapped native type @db.${name}`);
  }
}

function columnType(field: DmmfField): string {
  const base = field.kind === 'enum' ? `"${field.type}"` : field.nativeType ? nativeTypeName(field) : SCALAR_TYPES[field.type];
  if (!base) throw new Error(`schema-drift: unmapped type ${field.type}`);
  return field.isList ? `${base}[]` : base;
}

const ACTIONS: Record<string, string> = { Cascade: 'CASCADE', Restrict: 'RESTRICT', SetNull: 'SET NULL', NoAction: 'NO ACTION', SetDefault: 'SET DEFAULT' };

export function shapeFromPrismaSchema(schemaText: string): SchemaShape {
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schemaText]] }))) as {
    datamodel: { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[]; indexes: DmmfIndex[] };
  };
  const { models, enums, indexes } = dmmf.datamodel;
  const tableOf = new Map(models.map((m) => [m.name, m.dbName ?? m.name]));
  const columnOf = (model: DmmfModel, field: string) => {
    const f = model.fields.find((x) => x.name === field);
    return f?.dbName ?? field;
  };
  const shape: SchemaShape = { tables: {}, enums: {}, indexes: [], foreignKeys: [] };
  for (const model of models) {
    const table = tableOf.get(model.name)!;
    const columns: SchemaShape['tables'][string] = {};
    for (const field of model.fields) {
      if (field.kind === 'object') continue;
      // Prisma creates list columns without NOT NULL.
      columns[field.dbName ?? field.name] = { type: columnType(field), nullable: field.isList || !field.isRequired };
    }
    shape.tables[table] = columns;
    for (const field of model.fields) {
      if (field.kind !== 'object' || !field.relationFromFields?.length) continue;
      const target = models.find((m) => m.name === field.type)!;
      const onDelete = field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull');
      shape.foreignKeys.push(
        `${table}(${field.relationFromFields.map((f) => columnOf(model, f)).join(',')}) -> ${tableOf.get(target.name)}(${field.relationToFields!.map((f) => columnOf(target, f)).join(',')}) on delete ${ACTIONS[onDelete]} on update CASCADE`,
      );
    }
  }
  for (const e of enums) shape.enums[e.name] = e.values.map((v) => v.name);
  for (const index of indexes) {
    const model = models.find((m) => m.name === index.model)!;
    const kind = index.type === 'normal' ? 'index' : 'unique';
    shape.indexes.push(`${kind}:${tableOf.get(model.name)}(${index.fields.map((f) => columnOf(model, f.name)).join(',')})`);
  }
  shape.indexes.sort();
  shape.foreignKeys.sort();
  return shape;
}

const CONFDEL: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

export async function shapeFromDatabase(client: pg.ClientBase): Promise<SchemaShape> {
  const shape: SchemaShape = { tables: {}, enums: {}, indexes: [], foreignKeys: [] };
  const columns = await client.query<{ table: string; column: string; type: string; nullable: boolean }>(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'
     ORDER BY c.relname, a.attnum`);
  for (const row of columns.rows) (shape.tables[row.table] ??= {})[row.column] = { type: row.type, nullable: row.nullable };

  const enums = await client.query<{ name: string; values: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' GROUP BY t.typname`);
  for (const row of enums.rows) shape.enums[row.name] = row.values;

  const indexes = await client.query<{ entry: string }>(`
    SELECT (CASE WHEN i.indisunique THEN 'unique:' ELSE 'index:' END) || c.relname || '(' ||
           (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) || ')' AS entry
      FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relname <> '_prisma_migrations'`);
  shape.indexes = indexes.rows.map((r) => r.entry).sort();

  const fks = await client.query<{ table: string; cols: string; ref: string; refcols: string; del: string; upd: string }>(`
    SELECT c.relname AS table, r.relname AS ref, con.confdeltype AS del, con.confupdtype AS upd,
           (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS cols,
           (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS refcols
      FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE con.contype = 'f' AND n.nspname = 'public'`);
  shape.foreignKeys = fks.rows
    .map((f) => `${f.table}(${f.cols}) -> ${f.ref}(${f.refcols}) on delete ${CONFDEL[f.del]} on update ${CONFDEL[f.upd]}`)
    .sort();
  return shape;
}

/**
 * The foreign keys that touch a selection, read from the catalog (pg_constraint), for any
 * schema: each names the referencing table and columns and the referenced table and columns.
 * Keys inherited by partitions are read once, on the table that declares them.
 */
import type pg from 'pg';
import { qualifiedName, tableKey, type CatalogTable } from '../../database/catalog';

export interface ForeignKey {
  name: string;
  /** `schema.table` of the referencing table, and its SQL name. */
  child: string;
  childSql: string;
  childColumns: string[];
  parent: string;
  parentSql: string;
  parentColumns: string[];
}

interface ForeignKeyRow {
  name: string;
  child_schema: string;
  child_name: string;
  child_columns: string[];
  parent_schema: string;
  parent_name: string;
  parent_columns: string[];
}

export async function foreignKeysTouching(client: pg.ClientBase, tables: readonly CatalogTable[]): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKeyRow>(
    `SELECT c.conname::text AS name,
            cn.nspname::text AS child_schema, cc.relname::text AS child_name,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS child_columns,
            pn.nspname::text AS parent_schema, pc.relname::text AS parent_name,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS parent_columns
       FROM pg_catalog.pg_constraint c
       JOIN pg_catalog.pg_class cc ON cc.oid = c.conrelid JOIN pg_catalog.pg_namespace cn ON cn.oid = cc.relnamespace
       JOIN pg_catalog.pg_class pc ON pc.oid = c.confrelid JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
      WHERE c.contype = 'f' AND c.conparentid = 0
        AND (c.conrelid = ANY ($1::text[]::pg_catalog.regclass[]) OR c.confrelid = ANY ($1::text[]::pg_catalog.regclass[]))
      ORDER BY 2, 3, 1`,
    [tables.map(qualifiedName)],
  );
  return rows.map((r) => ({
    name: r.name,
    child: tableKey(r.child_schema, r.child_name),
    childSql: qualifiedName({ schema: r.child_schema, name: r.child_name }),
    childColumns: r.child_columns,
    parent: tableKey(r.parent_schema, r.parent_name),
    parentSql: qualifiedName({ schema: r.parent_schema, name: r.parent_name }),
    parentColumns: r.parent_columns,
  }));
}

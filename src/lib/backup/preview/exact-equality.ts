/**
 * Which columns of a live table may be compared with their type's own `=` instead of as text:
 * those whose equality holds exactly when their text output (in the preview's pinned session)
 * is the same. Comparing typed values skips two text conversions per value, which is most of a
 * full preview's time. The rule, decided from the catalog:
 * - the column's type (or, for an array, its element type) is an enum, one of EXACT_TYPES, or
 *   numeric with a declared scale (`numeric(5,2)`: every value has that scale) — not plain
 *   numeric (1.0 = 1.00), floats (0 = -0), interval ('1 day' = '24 hours'), json/jsonb, citext,
 *   geometric types or anything else;
 * - and its collation, if any, is deterministic (a nondeterministic one can make 'a' = 'A').
 * Every other column compares as text.
 */
import type pg from 'pg';

export const EXACT_TYPES: readonly string[] = [
  'smallint',
  'integer',
  'bigint',
  'boolean',
  'text',
  'character varying',
  'character',
  '"char"',
  'name',
  'uuid',
  'date',
  'time without time zone',
  'timestamp without time zone',
  'timestamp with time zone',
  'bytea',
  'oid',
];

export async function exactEqualityColumns(client: pg.ClientBase, quotedTable: string): Promise<Set<string>> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT a.attname::text AS name
       FROM pg_attribute a
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_type e ON t.typcategory = 'A' AND e.oid = t.typelem
       LEFT JOIN pg_collation c ON c.oid = a.attcollation
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
        AND (coalesce(e.typtype, t.typtype) = 'e'
             OR coalesce(e.oid, t.oid) = ANY ($2::text[]::regtype[])
             OR (coalesce(e.oid, t.oid) = 'numeric'::regtype AND a.atttypmod <> -1))
        AND (a.attcollation = 0 OR c.collisdeterministic)`,
    [quotedTable, EXACT_TYPES],
  );
  return new Set(rows.map((r) => r.name));
}

/**
 * The sequences of the chosen tables after a selective restore: moved to the backup's state
 * only where that is ahead of the live one, never backwards — a row added since the backup
 * keeps its id, and the next id is past every restored one. "The chosen tables' sequences" are
 * those owned by their columns (serial, identity) or named in their column defaults
 * (`nextval('…')`), from pg_depend. Set transactionally, like the full restore (sequences.ts).
 */
import type pg from 'pg';
import { qualifiedName, tableKey, type CatalogTable } from '../../database/catalog';
import type { SequenceState } from '../../format/manifest';
import { restoreSequences } from '../sequences';

/** The next value a sequence hands out. */
const nextValue = (value: string, isCalled: boolean) => BigInt(value) + (isCalled ? 1n : 0n);

async function sequencesOf(client: pg.ClientBase, tables: readonly CatalogTable[]): Promise<Set<string>> {
  const { rows } = await client.query<{ schema: string; name: string }>(
    `SELECT DISTINCT n.nspname::text AS schema, s.relname::text AS name
       FROM pg_catalog.pg_depend d
       JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_catalog.pg_namespace n ON n.oid = s.relnamespace
      WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
        AND d.deptype IN ('a', 'i') AND d.refobjid = ANY ($1::text[]::pg_catalog.regclass[])
     UNION
     SELECT n.nspname::text, s.relname::text
       FROM pg_catalog.pg_attrdef ad
       JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_attrdef'::regclass AND d.objid = ad.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass
       JOIN pg_catalog.pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'
       JOIN pg_catalog.pg_namespace n ON n.oid = s.relnamespace
      WHERE ad.adrelid = ANY ($1::text[]::pg_catalog.regclass[])`,
    [tables.map(qualifiedName)],
  );
  return new Set(rows.map((r) => tableKey(r.schema, r.name)));
}

/** Returns the sequences that moved forward, as `schema.name`. */
export async function advanceSequences(client: pg.ClientBase, states: readonly SequenceState[], tables: readonly CatalogTable[]): Promise<string[]> {
  const owned = await sequencesOf(client, tables);
  const ahead: SequenceState[] = [];
  for (const state of states) {
    if (!owned.has(tableKey(state.schema, state.sequence))) continue;
    const { rows } = await client.query<{ value: string; called: boolean }>(
      `SELECT last_value::text AS value, is_called AS called FROM ${qualifiedName({ schema: state.schema, name: state.sequence })}`,
    );
    const live = rows[0]!;
    if (nextValue(state.value, state.isCalled) > nextValue(live.value, live.called)) ahead.push(state);
  }
  await restoreSequences(client, ahead);
  return ahead.map((s) => tableKey(s.schema, s.sequence));
}

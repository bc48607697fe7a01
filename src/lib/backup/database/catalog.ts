/**
 * Reads what a backup needs to know about the live database from PostgreSQL's catalog — never
 * from a hand-kept list — for every schema of the database:
 * - tables: every ordinary, unlogged and partition (leaf) table with its stored columns (generated
 *   columns are left to PostgreSQL), in foreign-key order; partitioned parents hold no rows of
 *   their own, so their data travels through their leaf partitions;
 * - sequences: every sequence, owned by a column, an identity, or nobody;
 * - materialized views, in dependency order, to refresh after a restore;
 * - what is left out and why (`excluded`): the module's own tables, the job queue's schema,
 *   extension members, and what the operator named in BACKUP_EXCLUDE_SCHEMAS/BACKUP_EXCLUDE_TABLES;
 * - what the engine cannot copy (`unsupported`: foreign tables, large objects), which the dump
 *   refuses by name instead of skipping.
 * The connection must have its settings pinned (session-settings.ts): with `search_path = ''`
 * every type and name the catalog prints is schema-qualified.
 */
import type pg from 'pg';
import { readAppliedMigrations, type AppliedMigration } from '../../db/migrations';
import { columnList, quoteIdentifier } from '../../db/identifiers';

/** The schema of the module's own tables (Prisma's default). */
export const APP_SCHEMA = 'public';
/** Tables that record the system's own history; they survive restores untouched. */
export const SYSTEM_TABLES: readonly string[] = ['Backup', 'BackupOperation', 'AuditLog', 'BackupRestoreCommit', 'Session', 'AuthThrottle'];
export const MIGRATIONS_TABLE = '_prisma_migrations';
/** pg-boss's schema (jobs/queue.ts): queue state, not school data. */
export const JOB_QUEUE_SCHEMA = 'pgboss';

export interface CatalogColumn {
  name: string;
  type: string;
}

export interface CatalogTable {
  schema: string;
  name: string;
  /** `schema.name`: the table's name in the payload, the manifest and messages. */
  key: string;
  columns: CatalogColumn[];
  /** Keys of the tables this one references through foreign keys (self-references excluded). */
  dependsOn: string[];
  /** The primary key's columns in key order; empty when the table has none. */
  primaryKey: string[];
  estimatedRows: number;
}

export interface CatalogSequence {
  schema: string;
  name: string;
  key: string;
}

export interface CatalogRelation {
  schema: string;
  name: string;
  key: string;
}

export interface Exclusion {
  /** `schema.name` of a table, or a schema's name for a whole schema. */
  name: string;
  kind: 'schema' | 'table';
  reason: string;
}

/** What the operator (or, for a restore, the backup's manifest) leaves out on purpose. */
export interface CatalogScope {
  excludeSchemas?: readonly string[];
  /** `schema.table`, or a bare `table` meaning the `public` schema. */
  excludeTables?: readonly string[];
  /** Limit to these schemas (restoring a version-1 file, which held `public` only). */
  onlySchemas?: readonly string[];
}

export interface DatabaseCatalog {
  tables: CatalogTable[];
  /** Partitioned parents of the tables (no rows of their own; a restore truncates them with their partitions). */
  partitionedTables: CatalogRelation[];
  sequences: CatalogSequence[];
  materializedViews: CatalogRelation[];
  excluded: Exclusion[];
  /** Objects in scope whose data the engine cannot copy, described for a refusal. */
  unsupported: string[];
  migrations: AppliedMigration[];
}

export const REASON = {
  module: 'backup module history (kept as it is by a restore)',
  migrations: 'migration history (the schema, not data)',
  jobQueue: 'job queue (pg-boss) state',
  setting: 'named in the exclusion settings',
  extension: 'belongs to an extension',
} as const;

export function tableKey(schema: string, name: string): string {
  return `${schema}.${name}`;
}

export function qualifiedName(relation: { schema: string; name: string }): string {
  return `${quoteIdentifier(relation.schema)}.${quoteIdentifier(relation.name)}`;
}

/** What COPY names: the table and its stored columns (none listed for a table without any). */
export function copyTarget(table: CatalogTable): string {
  return table.columns.length === 0 ? qualifiedName(table) : `${qualifiedName(table)} (${columnList(table.columns.map((c) => c.name))})`;
}

function normaliseTableName(name: string): string {
  return name.includes('.') ? name : tableKey(APP_SCHEMA, name);
}

const SYSTEM_SCHEMA_FILTER = `n.nspname <> ALL (ARRAY['pg_catalog', 'information_schema', 'pg_toast']) AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;

interface RelationRow {
  oid: string;
  schema: string;
  name: string;
  kind: string;
  persistence: string;
  root_schema: string;
  root_name: string;
  extension: string | null;
  estimated: string;
}

export async function readCatalog(client: pg.ClientBase, scope: CatalogScope = {}): Promise<DatabaseCatalog> {
  const excludedSchemas = new Map<string, string>([[JOB_QUEUE_SCHEMA, REASON.jobQueue]]);
  for (const schema of scope.excludeSchemas ?? []) excludedSchemas.set(schema, REASON.setting);
  const excludedTables = new Map<string, string>([
    ...SYSTEM_TABLES.map((t) => [tableKey(APP_SCHEMA, t), REASON.module] as const),
    [tableKey(APP_SCHEMA, MIGRATIONS_TABLE), REASON.migrations],
  ]);
  for (const table of scope.excludeTables ?? []) excludedTables.set(normaliseTableName(table), REASON.setting);
  const onlySchemas = scope.onlySchemas ? new Set(scope.onlySchemas) : undefined;

  const relations = await client.query<RelationRow>(
    `SELECT c.oid::text AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS kind, c.relpersistence::text AS persistence,
            rn.nspname AS root_schema, r.relname AS root_name, e.extname AS extension,
            greatest(c.reltuples, 0)::bigint::text AS estimated
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_class r ON r.oid = CASE WHEN c.relispartition THEN pg_catalog.pg_partition_root(c.oid) ELSE c.oid END
       JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
       LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype = 'e'
       LEFT JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
      WHERE c.relkind IN ('r', 'p', 'f', 'm', 'S') AND c.relpersistence <> 't' AND ${SYSTEM_SCHEMA_FILTER}
      ORDER BY n.nspname, c.relname`,
  );
  const excluded: Exclusion[] = [...excludedSchemas].map(([name, reason]) => ({ name, kind: 'schema' as const, reason }));
  const inScope = new Map<string, RelationRow & { key: string }>();
  const partitionProblems: string[] = [];
  for (const row of relations.rows) {
    const key = tableKey(row.schema, row.name);
    if (onlySchemas && !onlySchemas.has(row.schema)) continue;
    if (excludedSchemas.has(row.schema) || excludedSchemas.has(row.root_schema)) continue;
    const rootKey = tableKey(row.root_schema, row.root_name);
    const tableReason = excludedTables.get(rootKey) ?? excludedTables.get(key);
    if (tableReason && !excludedTables.has(rootKey)) {
      // Its partitioned table would still be truncated and restored as a whole.
      partitionProblems.push(`partition "${key}" is excluded but its partitioned table "${rootKey}" is not (exclude "${rootKey}")`);
      continue;
    }
    const reason = tableReason ?? (row.extension ? `${REASON.extension} (${row.extension})` : undefined);
    if (reason) {
      if (row.kind !== 'S') excluded.push({ name: key, kind: 'table', reason });
      continue;
    }
    inScope.set(row.oid, { ...row, key });
  }

  const columns = await client.query<{ oid: string; name: string; type: string }>(
    `SELECT a.attrelid::text AS oid, a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
      WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        AND a.attrelid = ANY ($1::oid[])
      ORDER BY a.attrelid, a.attnum`,
    [[...inScope.keys()]],
  );
  const foreignKeys = await client.query<{ oid: string; references: string }>(
    `SELECT DISTINCT con.conrelid::text AS oid, con.confrelid::text AS references
       FROM pg_catalog.pg_constraint con
      WHERE con.contype = 'f' AND con.conrelid <> con.confrelid AND con.conparentid = 0`,
  );
  const primaryKeys = await client.query<{ oid: string; columns: string[] }>(
    `SELECT con.conrelid::text AS oid, array_agg(a.attname::text ORDER BY k.ordinality) AS columns
       FROM pg_catalog.pg_constraint con
       CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ordinality)
       JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
      WHERE con.contype = 'p' AND con.conrelid = ANY ($1::oid[])
      GROUP BY con.conrelid`,
    [[...inScope.keys()]],
  );
  const ownedSequences = await client.query<{ sequence: string; table: string }>(
    `SELECT d.objid::text AS sequence, d.refobjid::text AS table
       FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class s ON s.oid = d.objid
      WHERE s.relkind = 'S' AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
        AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype IN ('a', 'i')`,
  );
  const viewDependencies = await client.query<{ oid: string; references: string }>(
    `SELECT DISTINCT r.ev_class::text AS oid, d.refobjid::text AS references
       FROM pg_catalog.pg_rewrite r
       JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = r.oid
      WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid <> r.ev_class`,
  );

  const tables = new Map<string, CatalogTable>();
  const sequenceOwners = new Map(ownedSequences.rows.map((r) => [r.sequence, r.table]));
  const sequences: CatalogSequence[] = [];
  const views = new Map<string, CatalogRelation & { dependsOn: string[] }>();
  const unsupported: string[] = [...partitionProblems, ...ambiguousNames([...inScope.values()])];
  const partitionedTables: CatalogRelation[] = [];
  for (const [oid, row] of inScope) {
    const relation = { schema: row.schema, name: row.name, key: row.key };
    if (row.kind === 'p') partitionedTables.push(relation);
    else if (row.kind === 'r') tables.set(oid, { ...relation, columns: [], dependsOn: [], primaryKey: [], estimatedRows: Number(row.estimated) });
    else if (row.kind === 'm') views.set(oid, { ...relation, dependsOn: [] });
    else if (row.kind === 'f') unsupported.push(`foreign table "${row.key}" (its rows live on another server)`);
    else if (row.kind === 'S') {
      const owner = sequenceOwners.get(oid);
      // A sequence owned by an excluded table (AuditLog's id) belongs to that table's history.
      if (owner === undefined || inScope.has(owner)) sequences.push(relation);
    }
  }
  for (const column of columns.rows) tables.get(column.oid)?.columns.push({ name: column.name, type: column.type });
  for (const key of primaryKeys.rows) {
    const table = tables.get(key.oid);
    if (table) table.primaryKey = key.columns;
  }
  const keyOf = (oid: string) => inScope.get(oid)?.key;
  for (const fk of foreignKeys.rows) {
    const target = keyOf(fk.references);
    if (target) tables.get(fk.oid)?.dependsOn.push(target);
  }
  for (const dependency of viewDependencies.rows) {
    const target = keyOf(dependency.references);
    if (target && views.has(dependency.references)) views.get(dependency.oid)?.dependsOn.push(target);
  }
  const largeObjects = await client.query<{ count: string }>(`SELECT count(*)::text AS count FROM pg_catalog.pg_largeobject_metadata`);
  if (largeObjects.rows[0]!.count !== '0') unsupported.push(`${largeObjects.rows[0]!.count} large objects (pg_largeobject)`);

  return {
    tables: orderByDependencies([...tables.values()]),
    partitionedTables,
    sequences,
    materializedViews: orderByDependencies([...views.values()]).map(({ schema, name, key }) => ({ schema, name, key })),
    excluded,
    unsupported,
    migrations: await readAppliedMigrations(client),
  };
}

/** `schema.name` must tell objects apart: a dot inside a schema name could make two alike. */
function ambiguousNames(relations: readonly { key: string; schema: string; name: string }[]): string[] {
  const seen = new Map<string, { schema: string; name: string }>();
  const problems: string[] = [];
  for (const relation of relations) {
    const other = seen.get(relation.key);
    if (other) problems.push(`"${other.schema}"."${other.name}" and "${relation.schema}"."${relation.name}" share the name "${relation.key}" (rename one)`);
    else seen.set(relation.key, relation);
  }
  return problems;
}

/**
 * Orders items so that every one comes after the items it depends on (parents first).
 * Ties are broken by key so the order is stable. A cycle is broken in key order; the restore
 * loads with foreign keys suspended, so it still loads.
 */
export function orderByDependencies<T extends { key: string; dependsOn: string[] }>(items: T[]): T[] {
  const remaining = new Map(items.map((t) => [t.key, t]));
  const ordered: T[] = [];
  const byKey = (a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  while (remaining.size > 0) {
    const ready = [...remaining.values()].filter((t) => t.dependsOn.every((d) => d === t.key || !remaining.has(d))).sort(byKey);
    const next = ready.length > 0 ? ready : [...remaining.values()].sort(byKey).slice(0, 1);
    for (const item of next) {
      ordered.push(item);
      remaining.delete(item.key);
    }
  }
  return ordered;
}

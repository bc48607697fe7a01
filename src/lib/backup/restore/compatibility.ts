/**
 * Decides, before anything is written, whether a backup fits the target database: the same
 * migrations (names and checksums), and exactly the same tables and columns (names and types)
 * and sequences as the live catalog, within the backup's scope (`scopeOf`: what the manifest says
 * it left out stays out; a version-1 file covers the `public` schema only). The live catalog is
 * the allowlist: a backup naming any table, column or sequence it does not have is refused with a
 * SchemaMismatchError that names both sides.
 */
import { SchemaMismatchError } from '../errors';
import { tableKey, type CatalogScope, type DatabaseCatalog } from '../database/catalog';
import { VERSION_1_SCHEMA, type Manifest } from '../format/manifest';

function describeMigrations(migrations: readonly { name: string }[]): string {
  return migrations.length === 0 ? 'no migrations' : `${migrations.length} migrations, the last "${migrations.at(-1)!.name}"`;
}

/** The part of the live database a backup covers. */
export function scopeOf(manifest: Manifest): CatalogScope {
  return {
    excludeSchemas: manifest.excluded.filter((e) => e.kind === 'schema').map((e) => e.name),
    excludeTables: manifest.excluded.filter((e) => e.kind === 'table').map((e) => e.name),
    ...(manifest.formatVersion === 1 ? { onlySchemas: [VERSION_1_SCHEMA] } : {}),
  };
}

/**
 * A version-1 writer printed types under the default search_path, so types of the `public`
 * schema appear unqualified there; the live catalog (read with search_path = '') qualifies them.
 */
function typeAsWritten(type: string, formatVersion: number): string {
  return formatVersion === 1 ? type.replace(/(^|[^\w"$])(?:public|"public")\./g, '$1') : type;
}

export function assertCompatible(manifest: Manifest, live: DatabaseCatalog): void {
  const backupMigrations = manifest.migrations.map((m) => `${m.name}:${m.checksum}`).join('\n');
  const liveMigrations = live.migrations.map((m) => `${m.name}:${m.checksum}`).join('\n');
  if (backupMigrations !== liveMigrations) {
    throw new SchemaMismatchError(
      `The backup was taken under a different database schema: the backup has ${describeMigrations(manifest.migrations)}, ` +
        `this database has ${describeMigrations(live.migrations)}. Migrate a database to the backup's schema and restore into that.`,
    );
  }

  const liveTables = new Map(live.tables.map((t) => [tableKey(t.schema, t.name), t]));
  const backupTables = new Set(manifest.tables.map((t) => tableKey(t.schema, t.table)));
  for (const table of manifest.tables) {
    const key = tableKey(table.schema, table.table);
    const target = liveTables.get(key);
    if (!target) throw new SchemaMismatchError(`The backup contains table "${key}", which this database does not have.`, { table: key });
    const backupColumns = table.columns.map((c) => `${c.name} ${c.type}`).join(', ');
    const liveColumns = target.columns.map((c) => `${c.name} ${typeAsWritten(c.type, manifest.formatVersion)}`).join(', ');
    if (backupColumns !== liveColumns) {
      throw new SchemaMismatchError(`Table "${key}" differs: the backup has (${backupColumns}), this database has (${liveColumns}).`, { table: key });
    }
  }
  for (const key of liveTables.keys()) {
    if (!backupTables.has(key)) throw new SchemaMismatchError(`This database has table "${key}", which the backup does not contain.`, { table: key });
  }
  const liveSequences = new Set(live.sequences.map((s) => s.key));
  for (const sequence of manifest.sequences) {
    const key = tableKey(sequence.schema, sequence.sequence);
    if (!liveSequences.has(key)) throw new SchemaMismatchError(`The backup sets sequence "${key}", which this database does not have.`);
  }
  // A version-1 file saved only the sequences owned by a column; from version 2 every one is saved.
  if (manifest.formatVersion === 1) return;
  const backupSequences = new Set(manifest.sequences.map((s) => tableKey(s.schema, s.sequence)));
  for (const key of liveSequences) {
    if (!backupSequences.has(key)) throw new SchemaMismatchError(`This database has sequence "${key}", which the backup does not contain.`);
  }
}

/**
 * Decides, before anything is written, whether a backup fits the target database: the same
 * migrations (names and checksums), and exactly the same tables and columns (names and types)
 * as the live catalog. The live catalog is the allowlist: a backup naming any table, column or
 * sequence it does not have is refused with a SchemaMismatchError that names both sides.
 */
import { SchemaMismatchError } from '../errors';
import type { DatabaseCatalog } from '../database/catalog';
import type { Manifest } from '../format/manifest';

function describeMigrations(migrations: readonly { name: string }[]): string {
  return migrations.length === 0 ? 'no migrations' : `${migrations.length} migrations, the last "${migrations.at(-1)!.name}"`;
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

  const liveTables = new Map(live.tables.map((t) => [t.name, t]));
  const backupTables = new Set(manifest.tables.map((t) => t.name));
  for (const table of manifest.tables) {
    const target = liveTables.get(table.name);
    if (!target) throw new SchemaMismatchError(`The backup contains table "${table.name}", which this database does not have.`, { table: table.name });
    const backupColumns = table.columns.map((c) => `${c.name} ${c.type}`).join(', ');
    const liveColumns = target.columns.map((c) => `${c.name} ${c.type}`).join(', ');
    if (backupColumns !== liveColumns) {
      throw new SchemaMismatchError(
        `Table "${table.name}" differs: the backup has (${backupColumns}), this database has (${liveColumns}).`,
        { table: table.name },
      );
    }
  }
  for (const name of liveTables.keys()) {
    if (!backupTables.has(name)) throw new SchemaMismatchError(`This database has table "${name}", which the backup does not contain.`, { table: name });
  }
  const liveSequences = new Set(live.sequences.map((s) => s.sequence));
  for (const sequence of manifest.sequences) {
    if (!liveSequences.has(sequence.sequence)) {
      throw new SchemaMismatchError(`The backup sets sequence "${sequence.sequence}", which this database does not have.`);
    }
  }
}

/**
 * What a selective restore can choose from, for the page's table picker, read before anything is
 * written:
 * - the backup's tables with their row counts, from the file itself (read whole and verified: GCM
 *   tag, every table's count and hash, the trailer; no table's rows are kept), and whether each can
 *   be restored alone (its live table has a primary key; a selective restore refuses the others);
 * - the live database's foreign keys between those tables (any schema, from the catalog as the
 *   selective restore reads them, self-references left out), so the page can say which tables
 *   outside a choice point to it and which it points to.
 * The backup is checked against the live catalog as a restore checks it (`assertCompatible`): a
 * backup the restore would refuse is refused here with the same error. Nothing is written.
 * `linksOutside` names, for tables chosen by name (as `--tables` takes them), the tables outside
 * the choice that those keys tie to it — what the CLI shows before a selective restore.
 */
import type { Readable } from 'node:stream';
import { outsideLinks, type OutsideLinks } from '../../conventions/linked-tables';
import type { Keyring } from '../crypto/keys';
import { readCatalog } from '../database/catalog';
import { toDatabaseError } from '../database/pg-errors';
import { assertCompatible, scopeOf } from '../restore/compatibility';
import { foreignKeysTouching } from '../restore/selective/foreign-keys';
import { selectTables } from '../database/table-names';
import type { BackupContext } from '../service/context';
import { readBackupTables } from '../table-stream/read-backup-tables';
import { openRecordedInput } from './preview-recorded-backup';
import { openPreviewSession } from './session';

export interface ChoosableTable {
  /** As the backup names it: `schema.table`. */
  table: string;
  /** The backup's rows of it. */
  rows: number;
  /** Whether a selective restore can take it (the live table has a primary key to match rows by). */
  hasPrimaryKey: boolean;
}

/** A foreign key from one of the backup's tables to another: `from` rows point to `to` rows. */
export interface TableLink {
  constraint: string;
  from: string;
  to: string;
}

export interface RestoreChoices {
  /** In the backup's order (parents before children). */
  tables: ChoosableTable[];
  links: TableLink[];
}

export interface RestoreChoicesOptions {
  databaseUrl: string;
  source: Readable;
  keyring: Keyring;
  expectedFingerprint?: string;
  signal?: AbortSignal;
}

export async function restoreChoices(options: RestoreChoicesOptions): Promise<RestoreChoices> {
  const read = await readBackupTables({
    source: options.source,
    keyring: options.keyring,
    expectedFingerprint: options.expectedFingerprint,
    signal: options.signal,
    openTable: () => undefined,
  }).finally(() => options.source.destroy());
  const rows = new Map(read.trailer.tables.map((t) => [t.name, t.rows]));
  const client = await openPreviewSession(options.databaseUrl, 'to read its foreign keys');
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const catalog = await readCatalog(client, scopeOf(read.manifest));
    assertCompatible(read.manifest, catalog);
    const inBackup = new Set(read.manifest.tables.map((t) => t.name));
    const live = catalog.tables.filter((t) => inBackup.has(t.key));
    const keys = await foreignKeysTouching(client, live);
    await client.query('COMMIT');
    const withKey = new Set(live.filter((t) => t.primaryKey.length > 0).map((t) => t.key));
    return {
      tables: read.manifest.tables.map((t) => ({ table: t.name, rows: rows.get(t.name) ?? 0, hasPrimaryKey: withKey.has(t.name) })),
      links: keys
        .filter((k) => k.child !== k.parent && inBackup.has(k.child) && inBackup.has(k.parent))
        .map((k) => ({ constraint: k.name, from: k.child, to: k.parent })),
    };
  } catch (error) {
    throw toDatabaseError(error, "while reading the backup's tables and the database's foreign keys; nothing was changed");
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The choices for a recorded backup (the local file, or its verified cloud copy), against the app's database. */
export async function recordedRestoreChoices(ctx: BackupContext, backupId: string): Promise<RestoreChoices> {
  const input = await openRecordedInput(ctx, backupId);
  return restoreChoices({ databaseUrl: ctx.databaseUrl, keyring: ctx.keyring(), source: input.source, expectedFingerprint: input.expectedFingerprint });
}

/** The tables outside `tables` (named as a restore selection names them) that foreign keys tie to them. */
export function linksOutside(choices: RestoreChoices, tables: readonly string[]): OutsideLinks {
  return outsideLinks(choices.links, selectTables(choices.tables.map((t) => t.table), tables));
}

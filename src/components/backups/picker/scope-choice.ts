/**
 * What a restore brings back, as the restore dialog holds it: everything (the default), only
 * ticked tables replaced, or only the rows deleted from ticked tables since the backup (and, if
 * asked, rows that were changed set back). Tables are named as the backup names them
 * (`schema.table`). `selectionOf` turns it into the selection the restore action takes
 * (undefined: a whole restore).
 */
import type { RestoreSelection } from '@/lib/backup/restore/selective/selection';

export type ScopeKind = 'all' | 'replace' | 'missing';

export interface RestoreScopeChoice {
  kind: ScopeKind;
  tables: readonly string[];
  revertChanged: boolean;
}

export const WHOLE_RESTORE: RestoreScopeChoice = { kind: 'all', tables: [], revertChanged: false };

export function selectionOf(choice: RestoreScopeChoice): RestoreSelection | undefined {
  if (choice.kind === 'all') return undefined;
  return { tables: [...choice.tables], mode: choice.kind, revertChanged: choice.kind === 'missing' && choice.revertChanged };
}

/** Whether the choice can be submitted (a partial restore has at least one table ticked). */
export function isComplete(choice: RestoreScopeChoice): boolean {
  return choice.kind === 'all' || choice.tables.length > 0;
}

/** The ticked tables with `table` ticked or not, in the order they were ticked. */
export function withTable(tables: readonly string[], table: string, ticked: boolean): string[] {
  if (!ticked) return tables.filter((t) => t !== table);
  return tables.includes(table) ? [...tables] : [...tables, table];
}

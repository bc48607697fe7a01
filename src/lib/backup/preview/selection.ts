/**
 * Which tables a preview compares (all, or the ones asked for, which must exist on at least one
 * side), and the progress it reports while doing so.
 */
import { APP_SCHEMA } from '../database/catalog';
import { NotFoundError } from '../errors';

export interface PreviewProgress {
  phase: 'loading' | 'comparing';
  table: string;
  tablesDone: number;
  tablesTotal: number;
}

/**
 * The tables to compare, as the backup names them. A requested name matches a table of that
 * name, or — unqualified — the table of that name in the `public` schema.
 */
export function selectTables(available: readonly string[], requested: readonly string[] | undefined): Set<string> {
  if (!requested || requested.length === 0) return new Set(available);
  const known = new Set(available);
  return new Set(
    requested.map((table) => {
      const name = known.has(table) ? table : `${APP_SCHEMA}.${table}`;
      if (!known.has(name)) throw new NotFoundError(`Table "${table}" (in the backup)`);
      return name;
    }),
  );
}

/** Whether `table` (as a backup names it) is one of the requested names (none: every table). */
export function isRequested(table: string, requested: readonly string[] | undefined): boolean {
  if (!requested || requested.length === 0) return true;
  return requested.includes(table) || (table.startsWith(`${APP_SCHEMA}.`) && requested.includes(table.slice(APP_SCHEMA.length + 1)));
}

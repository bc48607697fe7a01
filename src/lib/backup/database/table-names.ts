/**
 * Tables named by a person (CLI `--table(s)`, the page) matched to a backup's table names: a
 * name matches a table of that name or — unqualified — the table of that name in `public`.
 * Shared by the preview and the selective restore.
 */
import { APP_SCHEMA } from './catalog';
import { NotFoundError } from '../errors';

/**
 * The tables asked for, as the backup names them (none asked: all of them). A requested name matches a table of that
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

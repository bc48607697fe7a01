/**
 * What a selective restore is asked to do: which tables of the backup, and how —
 * `replace` (each chosen table becomes exactly the backup's, the rest of the database untouched)
 * or `missing` (insert the backup's rows whose primary key is gone; with `revertChanged`, also
 * set rows with the same key back to the backup's values; rows added since always stay).
 * `resolveSelection` checks it against the backup and the live catalog before any write: every
 * name must be a table of the backup (bare names mean `public`), and every chosen table must
 * have a primary key, since rows are matched by it (a table without one is refused by name).
 */
import { z } from 'zod';
import type { CatalogTable } from '../../database/catalog';
import { InvalidInputError, SchemaMismatchError } from '../../errors';
import type { Manifest } from '../../format/manifest';
import { selectTables } from '../../database/table-names';

export const RESTORE_MODES = ['replace', 'missing'] as const;

export const restoreSelectionSchema = z
  .object({
    tables: z.array(z.string().min(1).max(256)).min(1).max(500),
    mode: z.enum(RESTORE_MODES),
    revertChanged: z.boolean().default(false),
  })
  .strict();

export type RestoreSelection = z.input<typeof restoreSelectionSchema>;

export interface ResolvedSelection {
  mode: (typeof RESTORE_MODES)[number];
  revertChanged: boolean;
  /** The chosen live tables, parents before children. */
  tables: CatalogTable[];
}

export function parseSelection(value: unknown): z.output<typeof restoreSelectionSchema> {
  const parsed = restoreSelectionSchema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError(`The table selection is not valid: ${parsed.error.issues[0]?.message ?? 'unknown'}.`);
  return parsed.data;
}

export function resolveSelection(selection: RestoreSelection, manifest: Manifest, ordered: readonly CatalogTable[]): ResolvedSelection {
  const { tables, mode, revertChanged } = parseSelection(selection);
  if (revertChanged && mode !== 'missing') throw new InvalidInputError('Reverting changed rows goes with restoring missing rows only.');
  const chosen = selectTables(manifest.tables.map((t) => t.name), tables);
  const live = ordered.filter((t) => chosen.has(t.key));
  const withoutKey = live.filter((t) => t.primaryKey.length === 0).map((t) => t.key);
  if (withoutKey.length > 0) {
    throw new SchemaMismatchError(
      `A selective restore matches rows by primary key, and ${withoutKey.map((k) => `"${k}"`).join(', ')} has none: restore the whole database instead.`,
    );
  }
  return { mode, revertChanged, tables: live };
}

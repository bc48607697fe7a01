/**
 * Which tables a preview compares (all, or the ones asked for, which must exist on at least one
 * side), and the progress it reports while doing so.
 */
import { NotFoundError } from '../errors';

export interface PreviewProgress {
  phase: 'loading' | 'comparing';
  table: string;
  tablesDone: number;
  tablesTotal: number;
}

export function selectTables(available: readonly string[], requested: readonly string[] | undefined): Set<string> {
  if (!requested || requested.length === 0) return new Set(available);
  const known = new Set(available);
  for (const table of requested) {
    if (!known.has(table)) throw new NotFoundError(`Table "${table}" (in the backup)`);
  }
  return new Set(requested);
}

/**
 * What a selective restore did, as the service records it, the audit log keeps and the doors
 * show: the selection, which other tables its keys tie it to, and per table the rows inserted,
 * updated, deleted and left out for want of a parent; the sequences it moved forward.
 */
import type { TableMerge } from './merge-rows';

export interface SelectiveReport {
  mode: 'replace' | 'missing';
  revertChanged: boolean;
  tables: TableMerge[];
  /** Tables outside the selection that reference it / that it references. */
  referencedBy: string[];
  references: string[];
  sequencesAdvanced: string[];
  inserted: number;
  updated: number;
  deleted: number;
  withoutParent: number;
}

export function summarize(
  base: Pick<SelectiveReport, 'mode' | 'revertChanged' | 'referencedBy' | 'references' | 'sequencesAdvanced'>,
  tables: TableMerge[],
): SelectiveReport {
  const sum = (k: 'inserted' | 'updated' | 'deleted' | 'withoutParent') => tables.reduce((n, t) => n + t[k], 0);
  return { ...base, tables, inserted: sum('inserted'), updated: sum('updated'), deleted: sum('deleted'), withoutParent: sum('withoutParent') };
}

/**
 * Which tables a preview compares (all, or the ones asked for, which must exist on at least one
 * side: `selectTables`, shared with the selective restore), the progress it reports while
 * doing so, and the options every kind of preview takes (`PreviewScope`).
 */
export { isRequested, selectTables } from '../database/table-names';

export interface PreviewProgress {
  phase: 'loading' | 'comparing';
  table: string;
  tablesDone: number;
  tablesTotal: number;
}

/** What every preview takes besides its two sides: which tables, how many sample rows, cancel, progress. */
export interface PreviewScope {
  /** Only these tables (default: all). */
  tables?: readonly string[];
  sampleLimit?: number;
  signal?: AbortSignal;
  onProgress?(progress: PreviewProgress): void;
}

/**
 * Which tables a preview compares (all, or the ones asked for, which must exist on at least one
 * side: `selectTables`, shared with the selective restore), and the progress it reports while
 * doing so.
 */
export { isRequested, selectTables } from '../database/table-names';

export interface PreviewProgress {
  phase: 'loading' | 'comparing';
  table: string;
  tablesDone: number;
  tablesTotal: number;
}

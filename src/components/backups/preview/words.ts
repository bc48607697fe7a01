/**
 * The preview in words a school admin reads, not SQL: table names as phrases ("ExamResult" →
 * "Exam result"), and counts as sentences ("12 rows of Exam result would come back").
 */
import { formatCount } from '../format';

export function tableLabel(table: string): string {
  const words = table
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\s]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : table;
}

export function rows(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'row' : 'rows'}`;
}

export interface KindWords {
  missing: string;
  added: string;
  changed: string;
}

/** What each kind of difference means for the comparison at hand. */
export function kindWords(live: boolean): KindWords {
  return live
    ? { missing: 'would come back', added: 'would disappear', changed: 'would change back' }
    : { missing: 'were removed', added: 'were added', changed: 'were changed' };
}

/** "12 rows of Exam result would come back, 1 row would change back". */
export function describeTable(table: string, counts: { missing: number; added: number; changed: number }, live: boolean): string {
  const words = kindWords(live);
  const parts = (['missing', 'added', 'changed'] as const).filter((k) => counts[k] > 0).map((k) => `${rows(counts[k])} ${words[k]}`);
  if (parts.length === 0) return `${tableLabel(table)}: no differences`;
  const [first, ...rest] = parts;
  return [`${first!.replace(/^(\S+ rows?)/, `$1 of ${tableLabel(table)}`)}`, ...rest].join(', ');
}

/** The page's one-sentence summary. */
export function describeTotals(totals: { missing: number; added: number; changed: number }, live: boolean): string {
  if (totals.missing + totals.added + totals.changed === 0) {
    return live ? 'Restoring this backup would change nothing: the data is the same as now.' : 'The two backups hold the same data.';
  }
  if (!live) return `Between the two backups, ${rows(totals.missing)} were removed, ${rows(totals.added)} were added and ${rows(totals.changed)} were changed.`;
  return (
    `Restoring this backup would bring back ${rows(totals.missing)} that are gone now, ` +
    `remove ${rows(totals.added)} added since, and change ${rows(totals.changed)} back to how they were.`
  );
}

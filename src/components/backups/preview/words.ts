/**
 * The preview in words a school admin reads, not SQL: table names as phrases ("ExamResult" →
 * "Exam result"), and counts as sentences ("12 rows of Exam result would come back").
 */
import { formatCount } from '../format';

/** The schema most tables live in, which a label leaves out. */
const DEFAULT_SCHEMA = 'public';

/** "ExamResult" or "public.ExamResult" → "Exam result"; "ledger.Entry" → "Entry (ledger)". */
export function tableLabel(qualified: string): string {
  const dot = qualified.indexOf('.');
  const schema = dot === -1 ? DEFAULT_SCHEMA : qualified.slice(0, dot);
  const table = dot === -1 ? qualified : qualified.slice(dot + 1);
  const label = phrase(table);
  return schema === DEFAULT_SCHEMA ? label : `${label} (${schema})`;
}

function phrase(table: string): string {
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

type Counts = { missing: number; added: number; changed: number };

/** "12 rows would come back", "1 row was removed": the verb agrees with the count. */
export function kindSentence(kind: keyof Counts, n: number, live: boolean): string {
  const verb = kindWords(live)[kind];
  return `${rows(n)} ${n === 1 ? verb.replace(/^were /, 'was ') : verb}`;
}

/** "12 rows would come back, 1 row would change back" (only the kinds that occur). */
export function describeCounts(counts: Counts, live: boolean): string {
  return (['missing', 'added', 'changed'] as const)
    .filter((k) => counts[k] > 0)
    .map((k) => kindSentence(k, counts[k], live))
    .join(', ');
}

/** "12 rows of Exam result would come back, 1 row would change back". */
export function describeTable(table: string, counts: Counts, live: boolean): string {
  const text = describeCounts(counts, live);
  if (text === '') return `${tableLabel(table)}: no differences`;
  return text.replace(/^(\S+ rows?)/, `$1 of ${tableLabel(table)}`);
}

function joinWithAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The page's one-sentence summary, naming only the kinds of difference that occur. */
export function describeTotals(totals: Counts, live: boolean): string {
  if (totals.missing + totals.added + totals.changed === 0) {
    return live ? 'Restoring this backup would change nothing: the data is the same as now.' : 'The two backups hold the same data.';
  }
  const phrases = live
    ? { missing: (n: string) => `bring back ${n} that are gone now`, added: (n: string) => `remove ${n} added since`, changed: (n: string) => `change ${n} back to how they were` }
    : { missing: (n: string) => `${n} removed`, added: (n: string) => `${n} added`, changed: (n: string) => `${n} changed` };
  const parts = (['missing', 'added', 'changed'] as const).filter((k) => totals[k] > 0).map((k) => phrases[k](rows(totals[k])));
  return live ? `Restoring this backup would ${joinWithAnd(parts)}.` : `From the earlier backup to the later one: ${joinWithAnd(parts)}.`;
}

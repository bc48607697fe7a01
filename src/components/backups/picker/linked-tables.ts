/**
 * Which tables outside the admin's choice are tied to it by foreign keys, and what that means, in
 * words a school admin reads: tables outside that point to the chosen ones ("Payment points to
 * Invoice, which you chose"), and tables outside that the chosen ones point to. What it means
 * depends on how the tables come back: replacing a table removes the rows the backup lacks, so
 * rows outside that point to them block the restore; bringing back deleted rows removes nothing,
 * but a row whose parent is gone stays out. The restore itself checks every key again.
 */
import type { OutsideLinks } from '@/lib/conventions/linked-tables';
import { tableLabel } from '../preview/words';
import type { ScopeKind } from './scope-choice';

function joinWith(word: 'and' | 'or', parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} ${word} ${parts.at(-1)}`;
}

const labels = (tables: readonly string[]) => tables.map(tableLabel);

/** "Exam result" → "exam result": a table's label as the name of one of its rows. */
function rowNoun(table: string): string {
  const label = tableLabel(table);
  return label[0]!.toLowerCase() + label.slice(1);
}

const article = (noun: string) => (/^[aeio]/.test(noun) ? 'an' : 'a');

/** "a payment", "an exam result or enrollment". */
function someRow(tables: readonly string[]): string {
  const nouns = tables.map(rowNoun);
  return `${article(nouns[0]!)} ${joinWith('or', nouns)}`;
}

/** The one-line summary: "Also linked: Payment points to your choice; your choice points to Student and Exam." */
export function alsoLinked(links: OutsideLinks): string {
  if (links.pointingIn.length + links.pointedTo.length === 0) return 'No other table is linked to your choice by a key.';
  const parts: string[] = [];
  const inward = labels(links.pointingIn.map((l) => l.table));
  if (inward.length > 0) parts.push(`${joinWith('and', inward)} ${inward.length === 1 ? 'points' : 'point'} to your choice`);
  const outward = labels(links.pointedTo.map((l) => l.table));
  if (outward.length > 0) parts.push(`your choice points to ${joinWith('and', outward)}`);
  return `Also linked: ${parts.join('; ')}.`;
}

export interface LinkAdvice {
  text: string;
  /** The table to add to the choice, where adding it is the way out. */
  add?: string;
}

const DELETED_ONLY = '“Restore deleted rows only”';

/**
 * What the links mean for this kind of restore: for a replace, one sentence per table outside
 * the choice (each blocks the restore when its rows lose their parent, or bring back rows whose
 * parent is gone); for deleted rows only, one sentence for all the tables pointing in (nothing is
 * removed, so they lose nothing) and one per table pointed to (rows whose parent is gone stay out).
 */
export function linkAdvice(links: OutsideLinks, kind: Exclude<ScopeKind, 'all'>): LinkAdvice[] {
  const pointingIn = links.pointingIn.map((l) => l.table);
  const inward: LinkAdvice[] =
    kind === 'replace'
      ? links.pointingIn.map(({ table, to }) => ({
          add: table,
          text:
            `${tableLabel(table)} points to ${joinWith('and', labels(to))}, which you chose: ` +
            `${someRow([table])} whose ${joinWith('or', to.map(rowNoun))} would disappear blocks the restore — add ${tableLabel(table)}, or choose ${DELETED_ONLY}.`,
        }))
      : pointingIn.length === 0
        ? []
        : [
            {
              text: `${joinWith('and', labels(pointingIn))} ${pointingIn.length === 1 ? 'points' : 'point'} to your choice: bringing back deleted rows removes none, so ${pointingIn.length === 1 ? 'it keeps' : 'they keep'} what ${pointingIn.length === 1 ? 'it points' : 'they point'} to.`,
            },
          ];
  const outward = links.pointedTo.map(({ table, from }) => {
    const tie = `${joinWith('and', labels(from))}, which you chose, ${from.length === 1 ? 'points' : 'point'} to ${tableLabel(table)}: `;
    const orphan = `${someRow(from)} whose ${rowNoun(table)} is gone now`;
    return {
      add: table,
      text:
        kind === 'replace'
          ? `${tie}${orphan} blocks the restore — add ${tableLabel(table)}.`
          : `${tie}${orphan} does not come back (the result says how many) — add ${tableLabel(table)} to bring those back too.`,
    };
  });
  return [...inward, ...outward];
}

'use client';
/**
 * "Also linked: …" for the ticked tables, before anything is confirmed: which tables outside the
 * choice point to it and which it points to (foreign keys of the live database); given the kind
 * of restore, one sentence each on what that means for it, with a button to add the table where
 * adding it is the way out.
 */
import type { TableLink } from '@/lib/backup/preview/restore-choices';
import { tableLabel } from '../preview/words';
import { outsideLinks } from '@/lib/conventions/linked-tables';
import { alsoLinked, linkAdvice } from './linked-tables';
import type { ScopeKind } from './scope-choice';

export interface LinkedTablesProps {
  links: readonly TableLink[];
  ticked: readonly string[];
  /** The kind of restore, for the advice (none: the summary line only). */
  advice?: {
    kind: Exclude<ScopeKind, 'all'>;
    /** Whether a table can be added to the choice (it can be restored alone). */
    canAdd(table: string): boolean;
    onAdd(table: string): void;
  };
}

export function LinkedTables({ links, ticked, advice }: LinkedTablesProps) {
  if (ticked.length === 0) return null;
  const outside = outsideLinks(links, new Set(ticked));
  const sentences = advice ? linkAdvice(outside, advice.kind) : [];
  return (
    <div className="linked" data-testid="linked-tables" aria-live="polite">
      <p className="m0">
        <strong>{alsoLinked(outside)}</strong>
      </p>
      {sentences.length > 0 && (
        <ul className="small">
          {sentences.map(({ text, add }) => (
            <li key={text}>
              {text}{' '}
              {add && advice?.canAdd(add) && (
                <button type="button" className="btn btn-sm" onClick={() => advice.onAdd(add)}>
                  Add {tableLabel(add)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="muted small m0">The restore checks every key again before it changes any data.</p>
    </div>
  );
}

/**
 * The refusal of a selective replace that would break a foreign key: CONSTRAINT_VIOLATION, its
 * message naming each key, a sample of the rows and the table to add; `breaks` holds them all.
 * Thrown before any write to an application table, so nothing was changed.
 */
import { BackupError } from '../../errors';
import type { KeyBreak } from './key-check';
import { describeSample } from './row-sql';

export class SelectionBreaksKeysError extends BackupError {
  readonly breaks: KeyBreak[];
  constructor(breaks: KeyBreak[]) {
    const lines = breaks.map(
      (b) =>
        `${b.rows} row(s) of "${b.table}" would point to rows of "${b.references}" that would not exist (key "${b.constraint}"; e.g. ${describeSample(b.sample)}): add "${b.addTable}" to the selection`,
    );
    super('CONSTRAINT_VIOLATION', `Restoring only these tables would break foreign keys. ${lines.join('. ')}. Nothing was changed.`, {
      table: breaks[0]?.table,
    });
    this.breaks = breaks;
  }
}

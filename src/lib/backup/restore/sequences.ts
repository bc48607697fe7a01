/**
 * Sets every sequence to its recorded state inside the restore's transaction, so that a
 * rollback, a lost connection or a kill — even during COMMIT — leaves the sequences as they
 * were. `setval` alone is not transactional: it writes the sequence's page in place. ALTER
 * SEQUENCE … RESTART is: it gives the sequence a new relation file that exists only if the
 * transaction commits; the `setval` that follows writes into that new file, so it is discarded
 * with it (and it restores `is_called`, which RESTART always sets to false).
 * A value the target's sequence cannot take (other bounds) is a SchemaMismatchError naming it.
 */
import type pg from 'pg';
import { SchemaMismatchError } from '../errors';
import { qualifiedName } from '../database/catalog';
import type { SequenceState } from '../format/manifest';

const DECIMAL_INTEGER = /^-?\d{1,19}$/;

export async function restoreSequences(client: pg.ClientBase, states: readonly SequenceState[]): Promise<void> {
  for (const state of states) {
    const sqlName = qualifiedName({ schema: state.schema, name: state.sequence });
    if (!DECIMAL_INTEGER.test(state.value)) throw new SchemaMismatchError(`Sequence "${state.schema}.${state.sequence}" has no valid value in the backup.`);
    try {
      await client.query(`ALTER SEQUENCE ${sqlName} RESTART WITH ${state.value}`);
      await client.query('SELECT pg_catalog.setval($1::text::pg_catalog.regclass, $2::bigint, $3::boolean)', [sqlName, state.value, state.isCalled]);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === '22003' || code === '22023') {
        throw new SchemaMismatchError(
          `Sequence "${state.schema}.${state.sequence}" cannot take the backup's value ${state.value} in this database: ${(error as Error).message}.`,
          { cause: error },
        );
      }
      throw error;
    }
  }
}

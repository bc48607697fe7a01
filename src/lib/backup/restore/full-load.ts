/**
 * The full restore's load plan: every table of the backup is emptied (TRUNCATE, never the
 * module's own tables nor anything the backup excluded) with its user triggers off and its keys
 * and indexes suspended for the bulk load, with the load's settings (load-tuning.ts); COPY fills
 * the live tables, with FREEZE where PostgreSQL allows it; then keys and indexes are
 * recreated (validating every row), every sequence set to the backup's state, the materialized
 * views refreshed and the triggers re-enabled as they were.
 */
import type pg from 'pg';
import { copyTarget, qualifiedName, type DatabaseCatalog } from '../database/catalog';
import { SchemaMismatchError } from '../errors';
import { restoreConstraints, suspendConstraints } from '../../db/bulk-load';
import type { LoadPlan } from './load-plan';
import { copyFreezeTargets, tuneLoadTransaction } from './load-tuning';
import { refreshMaterializedViews } from './materialized-views';
import { restoreSequences } from './sequences';
import { suspendUserTriggers } from './user-triggers';

export async function beginFullLoad(client: pg.ClientBase, catalog: DatabaseCatalog): Promise<LoadPlan> {
  const tables = catalog.tables.map(qualifiedName);
  // Partitioned parents too: a foreign key declared on one blocks truncating what it references.
  const truncated = [...catalog.partitionedTables.map(qualifiedName), ...tables];
  // Before the TRUNCATE, so that TRUNCATE triggers do not fire either.
  const triggers = await suspendUserTriggers(client, truncated);
  if (truncated.length > 0) {
    try {
      await client.query(`TRUNCATE ${truncated.join(', ')} RESTRICT`);
    } catch (error) {
      if ((error as { code?: string }).code === '0A000') {
        throw new SchemaMismatchError(`A table outside the backup references its tables, so they cannot be replaced: ${(error as Error).message}.`, {
          cause: error,
        });
      }
      throw error;
    }
  }
  await tuneLoadTransaction(client);
  const suspended = await suspendConstraints(client, tables);
  const freezable = await copyFreezeTargets(client, tables);
  return {
    target: (table) => ({ target: copyTarget(table), freeze: freezable.has(qualifiedName(table)) }),
    check: async () => undefined, // the load itself checked every row's count; keys are checked in `finish`
    async finish(manifest, step) {
      await step('constraints');
      await restoreConstraints(client, suspended);
      await step('sequences');
      await restoreSequences(client, manifest.sequences);
      await step('materialized-views');
      await refreshMaterializedViews(client, catalog.materializedViews);
      await step('triggers');
      await triggers.resume();
      return undefined;
    },
  };
}

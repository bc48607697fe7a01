/**
 * Bench step: restore the backup file argv[3] into database argv[2] — the whole database, or
 * with argv[4] (a selection as JSON, `{ tables, mode }`) only those tables; with argv[5] =
 * `rehearse`, the selective restore's rehearsal instead (the same load and key check, rolled
 * back). Prints { rows, phases } as JSON, plus the selective report's inserted, updated, deleted
 * and withoutParent for a selection; phases holds the milliseconds spent in each restore phase
 * (checking, loading, indexing, merging, committing), taken from the progress callback.
 */
import { createReadStream } from 'node:fs';
import { createKeyring } from '../../src/lib/backup/crypto/keys';
import { rehearseRestore, restoreDatabase, type RestorePhase } from '../../src/lib/backup/restore/restore-database';
import type { RestoreSelection } from '../../src/lib/backup/restore/selective/selection';

const phases: Partial<Record<RestorePhase, number>> = {};
let current: { phase: RestorePhase; since: number } | undefined;
const enter = (phase: RestorePhase | undefined) => {
  const now = performance.now();
  if (current) phases[current.phase] = Math.round((phases[current.phase] ?? 0) + now - current.since);
  current = phase ? { phase, since: now } : undefined;
};

const [targetUrl, file, selectionJson, run] = process.argv.slice(2);
const options = {
  targetUrl: targetUrl!,
  source: createReadStream(file!),
  keyring: createKeyring(process.env.BACKUP_ENCRYPTION_KEY),
  selection: selectionJson ? (JSON.parse(selectionJson) as RestoreSelection) : undefined,
  onProgress: (p: { phase: RestorePhase }) => {
    if (p.phase !== current?.phase) enter(p.phase);
  },
};
if (run === 'rehearse') {
  await rehearseRestore(options, 'load');
  enter(undefined);
  console.log(JSON.stringify({ phases }));
} else {
  const result = await restoreDatabase(options);
  enter(undefined);
  const s = result.selective;
  console.log(JSON.stringify({ rows: result.rows, phases, ...(s ? { inserted: s.inserted, updated: s.updated, deleted: s.deleted, withoutParent: s.withoutParent } : {}) }));
}

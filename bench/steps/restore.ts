/**
 * Bench step: restore the backup file argv[3] into database argv[2]; prints { rows, phases } as
 * JSON, where phases holds the milliseconds spent in each restore phase (checking, loading,
 * indexing, committing), taken from the progress callback.
 */
import { createReadStream } from 'node:fs';
import { createKeyring } from '../../src/lib/backup/crypto/keys';
import { restoreDatabase, type RestorePhase } from '../../src/lib/backup/restore/restore-database';

const phases: Partial<Record<RestorePhase, number>> = {};
let current: { phase: RestorePhase; since: number } | undefined;
const enter = (phase: RestorePhase | undefined) => {
  const now = performance.now();
  if (current) phases[current.phase] = Math.round((phases[current.phase] ?? 0) + now - current.since);
  current = phase ? { phase, since: now } : undefined;
};

const result = await restoreDatabase({
  targetUrl: process.argv[2]!,
  source: createReadStream(process.argv[3]!),
  keyring: createKeyring(process.env.BACKUP_ENCRYPTION_KEY),
  onProgress: (p) => {
    if (p.phase !== current?.phase) enter(p.phase);
  },
});
enter(undefined);
console.log(JSON.stringify({ rows: result.rows, phases }));

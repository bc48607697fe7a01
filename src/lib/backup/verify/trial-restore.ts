/**
 * The verify drill's strongest form: restore a backup into a scratch database created for the
 * purpose on the same server (migrated to the current schema), then drop it — whatever happens.
 * Proves the file restores, not just that it decrypts.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { urlWithDatabase } from '../../db/connection-url';
import { migrate } from '../../db/migrations';
import type { Keyring } from '../crypto/keys';
import { connectFor } from '../database/connect';
import { restoreDatabase, type RestoreResult } from '../restore/restore-database';

export async function trialRestore(
  serverUrl: string,
  source: Readable,
  keyring: Keyring,
  options: { expectedFingerprint?: string; signal?: AbortSignal } = {},
): Promise<RestoreResult> {
  const scratch = `erp_trial_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = await connectFor(urlWithDatabase(serverUrl, 'postgres'), 'erp-backup-trial', 'to create the scratch database');
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(scratch)}`);
    const scratchUrl = urlWithDatabase(serverUrl, scratch);
    await migrate(scratchUrl);
    return await restoreDatabase({ targetUrl: scratchUrl, source, keyring, ...options });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(scratch)} WITH (FORCE)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}

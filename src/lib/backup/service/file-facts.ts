/**
 * What a backup file in the backup directory proves about itself: it is read in full with the
 * keyring (GCM tag, every frame, every table's count and hash), then hashed, and the facts a
 * COMPLETED row records are returned. Used where a file has to be taken at its word because its
 * row does not (yet) say it is complete: rescan (a file with no row) and recovery (a file left
 * under a RUNNING row by a backup killed during its read-back verification).
 */
import { createReadStream } from 'node:fs';
import { sha256OfStream } from '../storage/checksum';
import { verifyBackupStream, type VerifyResult } from '../verify/verify-backup';
import type { BackupContext } from './context';

export interface VerifiedFile {
  manifest: VerifyResult['manifest'];
  /** The columns of a COMPLETED Backup row this file justifies. */
  completed: {
    status: 'COMPLETED';
    size: bigint;
    checksum: string;
    keyFingerprint: string;
    formatVersion: number;
    tableCount: number;
    rowCount: bigint;
    verifiedAt: Date;
    verifyError: null;
  };
}

/** Throws the BackupError that names the fault when the file is missing or does not verify. */
export async function verifyBackupFile(ctx: BackupContext, filename: string): Promise<VerifiedFile> {
  const path = await ctx.local.pathOf(filename);
  const result = await verifyBackupStream(createReadStream(path), ctx.keyring());
  const { sha256, size } = await sha256OfStream(createReadStream(path));
  return {
    manifest: result.manifest,
    completed: {
      status: 'COMPLETED',
      size: BigInt(size),
      checksum: sha256,
      keyFingerprint: result.fingerprint,
      formatVersion: result.manifest.formatVersion,
      tableCount: result.tables,
      rowCount: BigInt(result.rows),
      verifiedAt: ctx.clock(),
      verifyError: null,
    },
  };
}

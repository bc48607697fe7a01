'use server';
/**
 * "Compare with now": what restoring a backup would change, per table, with a bounded sample of
 * rows (secrets masked) — or, with `againstId`, what changed between two backups. Reads only;
 * audit-logged as BACKUP_PREVIEW, since it shows backed-up rows to the caller.
 */
import { z } from 'zod';
import { MAX_SAMPLE_LIMIT, previewRecordedBackup } from '@/lib/backup';
import { backupIdSchema } from '@/lib/conventions/backup-id';
import { adminAction } from '../admin-action';

const MAX_TABLES = 500;

const schema = z
  .object({
    id: backupIdSchema,
    againstId: backupIdSchema.optional(),
    tables: z.array(z.string().min(1).max(256)).max(MAX_TABLES).optional(),
    sampleLimit: z.int().min(0).max(MAX_SAMPLE_LIMIT).optional(),
  })
  .strict();

export const previewRestoreAction = adminAction('BACKUP_PREVIEW', schema, async ({ id, againstId, tables, sampleLimit }, { ctx }) =>
  previewRecordedBackup(ctx, { backupId: id, againstBackupId: againstId, tables, sampleLimit }),
);

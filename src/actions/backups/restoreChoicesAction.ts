'use server';
/**
 * What the restore dialog's table picker offers for one backup: its tables with their row counts
 * and whether each can be restored alone, and the live foreign keys between them (for "Also
 * linked: …" before confirming). Reads the backup file and the catalog only; audit-logged as a
 * BACKUP_VIEW, as the other read actions are.
 */
import { z } from 'zod';
import { recordedRestoreChoices } from '@/lib/backup';
import { backupIdSchema } from '@/lib/conventions/backup-id';
import { adminAction } from '../admin-action';

const schema = z.object({ id: backupIdSchema }).strict();

export const restoreChoicesAction = adminAction('BACKUP_VIEW', schema, async ({ id }, { ctx }) => recordedRestoreChoices(ctx, id));

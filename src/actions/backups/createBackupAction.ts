'use server';
/**
 * Starts a manual backup: enqueues it and returns at once with its ids; poll `getBackupAction`
 * for progress. The optional label (≤ 120 characters) shows in the history, e.g. "before
 * term-end grade import". A second create while one is queued or running fails with LOCKED.
 */
import { z } from 'zod';
import { LABEL_MAX_LENGTH, requestBackup } from '@/lib/backup';
import { adminAction } from '../admin-action';

const schema = z.object({ label: z.string().trim().max(LABEL_MAX_LENGTH).optional() }).strict().optional();

export const createBackupAction = adminAction('BACKUP_CREATE', schema, async (input, { ctx, actor }) =>
  requestBackup(ctx, { actor, label: input?.label, trigger: 'MANUAL' }),
);

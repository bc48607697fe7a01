/**
 * What a backup id looks like: a Prisma `cuid()` (c + lowercase letters and digits). Checked
 * before any lookup, so a path, a traversal sequence or other junk never reaches the database
 * or the file system. One pattern serves the actions (zod) and the download route (a plain
 * test), with a length bound that zod's `cuid()` lacks.
 */
import { z } from 'zod';

const BACKUP_ID_PATTERN = /^c[a-z0-9]{20,32}$/;

export const backupIdSchema = z.string().regex(BACKUP_ID_PATTERN, 'Invalid backup id.');

export const isBackupId = (value: unknown): value is string => typeof value === 'string' && BACKUP_ID_PATTERN.test(value);

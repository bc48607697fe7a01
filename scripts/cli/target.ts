/**
 * The `<id|file>` argument of verify, restore and decrypt. It names a file when it is an
 * existing path, contains a path separator, or ends in `.erpbak` (a bare `….erpbak` name that
 * is not in the current directory is looked up in BACKUP_DIR); anything else is a backup id.
 * A file is read on its own, without database rows (`streamBackupFile`, from the core).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export { streamBackupFile } from '@/lib/backup';

export const BACKUP_EXTENSION = '.erpbak';

export type Target = { kind: 'id'; id: string } | { kind: 'file'; path: string };

export function resolveTarget(argument: string, backupDir: string): Target {
  if (existsSync(argument) || argument.includes('/') || argument.includes(path.sep)) return { kind: 'file', path: path.resolve(argument) };
  if (argument.endsWith(BACKUP_EXTENSION)) return { kind: 'file', path: path.join(backupDir, argument) };
  return { kind: 'id', id: argument };
}

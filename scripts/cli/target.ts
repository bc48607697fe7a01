/**
 * The `<id|file>` argument of verify, restore and decrypt. It names a file when it is an
 * existing path, contains a path separator, or ends in `.erpbak` (a bare `….erpbak` name that
 * is not in the current directory is looked up in BACKUP_DIR); anything else is a backup id.
 * A file is read on its own, without database rows; a missing one is NotFoundError.
 */
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { InvalidInputError, NotFoundError } from '@/lib/backup/errors';

export const BACKUP_EXTENSION = '.erpbak';

export type Target = { kind: 'id'; id: string } | { kind: 'file'; path: string };

export function resolveTarget(argument: string, backupDir: string): Target {
  if (existsSync(argument) || argument.includes('/') || argument.includes(path.sep)) return { kind: 'file', path: path.resolve(argument) };
  if (argument.endsWith(BACKUP_EXTENSION)) return { kind: 'file', path: path.join(backupDir, argument) };
  return { kind: 'id', id: argument };
}

/** A stream of the file's bytes, after checking that it is there and is a regular file. */
export async function openBackupFile(file: string): Promise<Readable> {
  const stats = await stat(file).catch(() => null);
  if (!stats) throw new NotFoundError(`The file "${file}"`);
  if (!stats.isFile()) throw new InvalidInputError(`"${file}" is not a regular file.`);
  return createReadStream(file);
}

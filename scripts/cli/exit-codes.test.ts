/** The exit-code table: distinct codes, every error code mapped, unknown codes are failures. */
import { describe, expect, it } from 'vitest';
import { CancelledError, CorruptBackupError, DatabaseUnavailableError, NotFoundError, WrongKeyError, toBackupError } from '@/lib/backup/errors';
import { EXIT, EXIT_CODE_TABLE, exitCodeFor } from './exit-codes';

describe('exit codes', () => {
  it('are distinct and documented', () => {
    const codes = EXIT_CODE_TABLE.map((row) => row.exitCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect(EXIT_CODE_TABLE.every((row) => row.meaning.length > 0)).toBe(true);
  });

  it('follow the error codes', () => {
    expect(exitCodeFor(new NotFoundError('x').code)).toBe(10);
    expect(exitCodeFor(new WrongKeyError().code)).toBe(12);
    expect(exitCodeFor(new CorruptBackupError().code)).toBe(13);
    expect(exitCodeFor('TRUNCATED')).toBe(13);
    expect(exitCodeFor('SCHEMA_MISMATCH')).toBe(14);
    expect(exitCodeFor(new CancelledError().code)).toBe(EXIT.CANCELLED);
    expect(exitCodeFor('INTERRUPTED')).toBe(EXIT.FAILURE);
  });

  it('read refused connections as an unavailable database, and anything else as a failure', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(toBackupError(new Error('wrapped', { cause: refused }))).toBeInstanceOf(DatabaseUnavailableError);
    expect(toBackupError(new Error('boom')).code).toBe('INTERNAL');
    expect(toBackupError(Object.assign(new Error('full'), { code: 'ENOSPC' })).code).toBe('DISK_FULL');
  });
});

/**
 * The one classifier (`toBackupError`): the shapes node-postgres, Prisma's pg adapter and Node
 * throw become the hierarchy's codes, also when they arrive wrapped as a cause.
 */
import { describe, expect, it } from 'vitest';
import { CorruptBackupError, NotFoundError, toBackupError } from './errors';

const pgError = (code: string, message: string, fields: Record<string, string> = {}) => Object.assign(new Error(message), { code, ...fields });
const prismaError = (code: string, cause: Record<string, unknown>, modelName = 'Backup') =>
  Object.assign(new Error('Invalid `prisma.backup.findMany()` invocation'), { code, meta: { modelName, driverAdapterError: { name: 'DriverAdapterError', cause } } });

describe('toBackupError', () => {
  it('keeps a BackupError, also one found among the causes', () => {
    const known = new NotFoundError('The backup');
    expect(toBackupError(known)).toBe(known);
    expect(toBackupError(new Error('pipeline failed', { cause: known }))).toBe(known);
  });

  it('reads a lost connection as DB_UNAVAILABLE however deep it is wrapped', () => {
    const reset = pgError('ECONNRESET', 'read ECONNRESET');
    expect(toBackupError(reset).code).toBe('DB_UNAVAILABLE');
    expect(toBackupError(new Error('outer', { cause: new Error('inner', { cause: reset }) })).code).toBe('DB_UNAVAILABLE');
    expect(toBackupError(pgError('57P01', 'terminating connection due to administrator command')).code).toBe('DB_UNAVAILABLE');
    expect(toBackupError(prismaError('P1001', { kind: 'DatabaseNotReachable' })).code).toBe('DB_UNAVAILABLE');
  });

  it('names wrong credentials, a missing database and missing tables', () => {
    expect(toBackupError(pgError('28P01', 'password authentication failed for user "erp"')).code).toBe('DB_AUTH_FAILED');
    expect(toBackupError(prismaError('P1000', { originalCode: '28P01', kind: 'AuthenticationFailed', user: 'erp' })).message).toContain('"erp"');
    const missingDb = toBackupError(pgError('3D000', 'database "erp_typo" does not exist'));
    expect(missingDb.code).toBe('DB_NOT_FOUND');
    expect(missingDb.message).toContain('"erp_typo"');
    expect(toBackupError(prismaError('P1003', { originalCode: '3D000', db: 'erp_typo' })).message).toContain('"erp_typo"');
    const missingTable = toBackupError(prismaError('P2021', { originalCode: '42P01', table: 'public.Backup' }));
    expect(missingTable.code).toBe('DB_NOT_MIGRATED');
    expect(missingTable.message).toContain('npm run db:migrate');
  });

  it('reads a record deleted meanwhile as NOT_FOUND', () => {
    expect(toBackupError(Object.assign(new Error('No record was found for a delete.'), { code: 'P2025', meta: { modelName: 'Backup' } })).code).toBe('NOT_FOUND');
  });

  it('names the table and constraint of a violated constraint', () => {
    const violation = toBackupError(pgError('23503', 'insert or update on table "Enrollment" violates foreign key constraint "Enrollment_studentId_fkey"', { table: 'Enrollment', constraint: 'Enrollment_studentId_fkey' }));
    expect(violation.code).toBe('CONSTRAINT_VIOLATION');
    expect(violation.table).toBe('Enrollment');
    expect(violation.message).toContain('"Enrollment_studentId_fkey"');
    expect(violation.message).toContain('"Enrollment"');
  });

  it('reads full disks, aborts and damaged compressed data', () => {
    expect(toBackupError(new Error('write failed', { cause: pgError('ENOSPC', 'no space left on device') })).code).toBe('DISK_FULL');
    expect(toBackupError(Object.assign(new Error('The operation was aborted'), { code: 'ABORT_ERR' })).code).toBe('CANCELLED');
    expect(toBackupError(pgError('Z_DATA_ERROR', 'incorrect header check'))).toBeInstanceOf(CorruptBackupError);
  });

  it('makes anything else INTERNAL and keeps it as the cause', () => {
    const boom = new Error('boom');
    const failure = toBackupError(boom);
    expect(failure.code).toBe('INTERNAL');
    expect(failure.cause).toBe(boom);
    expect(toBackupError(pgError('P0001', 'raised by a trigger')).code).toBe('INTERNAL');
  });
});

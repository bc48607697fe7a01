/**
 * Every ERP table the seed fills, in load order: a table comes after every table its foreign keys
 * point to. The seed truncates exactly these tables; the system tables (Backup, BackupOperation,
 * AuditLog, BackupRestoreCommit, Session, AuthThrottle) and `_prisma_migrations` are never touched.
 */
import { academicTables } from './academics';
import { announcementTables } from './announcements';
import { attendanceTables } from './attendance';
import { examTables } from './exams';
import { feeTables } from './fees';
import { libraryTables } from './library';
import { peopleTables } from './people';
import { schoolTables } from './school';
import type { SeedContext, TableSource } from './table-source';

export const SYSTEM_TABLES = ['Backup', 'BackupOperation', 'AuditLog', 'BackupRestoreCommit', 'Session', 'AuthThrottle', '_prisma_migrations'] as const;

export function seedTables(context: SeedContext): TableSource[] {
  return [
    schoolTables.schools(context),
    peopleTables.users(context),
    peopleTables.students(context),
    peopleTables.guardians(context),
    peopleTables.studentGuardians(context),
    peopleTables.teachers(context),
    peopleTables.staff(context),
    schoolTables.academicYears(context),
    schoolTables.terms(context),
    academicTables.classGroups(context),
    academicTables.sections(context),
    academicTables.subjects(context),
    academicTables.enrollments(context),
    academicTables.timetableSlots(context),
    attendanceTables.attendance(context),
    examTables.exams(context),
    examTables.examResults(context),
    feeTables.feeStructures(context),
    feeTables.invoices(context),
    feeTables.payments(context),
    announcementTables.announcements(context),
    libraryTables.books(context),
    libraryTables.libraryLoans(context),
  ];
}

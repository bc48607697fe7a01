-- The rekey use case is audit-logged (src/lib/backup/service/rekey.ts).
ALTER TYPE "AuditAction" ADD VALUE 'BACKUP_REKEY' AFTER 'BACKUP_RESCAN';

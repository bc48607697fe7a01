-- Restore previews and backup comparisons are audit-logged as their own action: they show rows
-- of the backed-up data to the admin who asks.
ALTER TYPE "AuditAction" ADD VALUE 'BACKUP_PREVIEW' AFTER 'BACKUP_VERIFY';

-- No operation of kind VERIFY was ever created (verification runs inline, recorded on the Backup
-- row), so the enum value goes. PostgreSQL cannot drop an enum value: the type is recreated.
ALTER TYPE "OperationKind" RENAME TO "OperationKind_old";
CREATE TYPE "OperationKind" AS ENUM ('CREATE', 'RESTORE', 'UPLOAD');
ALTER TABLE "BackupOperation" ALTER COLUMN "kind" TYPE "OperationKind" USING "kind"::text::"OperationKind";
DROP TYPE "OperationKind_old";

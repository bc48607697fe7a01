-- A RESTORE operation may restore chosen tables only: `selection` holds what was asked
-- ({ tables, mode, revertChanged }), `outcome` what it did (rows inserted, updated, deleted,
-- left out per table). Both stay NULL for a full restore and for other kinds.
ALTER TABLE "BackupOperation" ADD COLUMN "selection" JSONB;
ALTER TABLE "BackupOperation" ADD COLUMN "outcome" JSONB;

-- A restore writes its operation id here inside its own transaction, just before COMMIT, so
-- that recovery after a crash can tell from the database whether that COMMIT happened.
-- CreateTable
CREATE TABLE "BackupRestoreCommit" (
    "operationId" TEXT NOT NULL,
    "committedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BackupRestoreCommit_pkey" PRIMARY KEY ("operationId")
);

-- Server-side sessions, shared sign-in/step-up throttling, and bounded anonymous-denial audit rows
-- (docs/decisions/007-threat-model.md). Session and AuthThrottle are system tables: like AuditLog
-- they have no foreign keys into the ERP tables and survive restores untouched.

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastFailureAt" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "AuthThrottle_pkey" PRIMARY KEY ("key")
);

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN "bucketKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_bucketKey_key" ON "AuditLog"("bucketKey");

-- A password change, a deactivation, a role change or a deletion ends every session of that user,
-- whichever code (or person with psql) makes the change.
CREATE FUNCTION "erp_revoke_user_sessions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "Session" SET "revokedAt" = CURRENT_TIMESTAMP AT TIME ZONE 'UTC'
     WHERE "userId" = OLD."id" AND "revokedAt" IS NULL;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "User_revoke_sessions_on_update"
    AFTER UPDATE OF "passwordHash", "isActive", "role" ON "User"
    FOR EACH ROW
    WHEN (OLD."passwordHash" IS DISTINCT FROM NEW."passwordHash"
       OR OLD."isActive" IS DISTINCT FROM NEW."isActive"
       OR OLD."role" IS DISTINCT FROM NEW."role")
    EXECUTE FUNCTION "erp_revoke_user_sessions"();

CREATE TRIGGER "User_revoke_sessions_on_delete"
    AFTER DELETE ON "User"
    FOR EACH ROW
    EXECUTE FUNCTION "erp_revoke_user_sessions"();

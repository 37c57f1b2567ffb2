-- Access tokens carry the version they were issued at; deleting, demoting or re-credentialing a
-- user bumps it, which revokes every token issued before.
ALTER TABLE "users" ADD COLUMN "tokenVersion" INTEGER NOT NULL DEFAULT 0;

-- An e-mail address is unique among live users only: registering the address of a soft-deleted
-- account must answer as for a new address, not reveal that the account existed.
DROP INDEX "users_email_key";
CREATE UNIQUE INDEX "users_email_live_key" ON "users"("email") WHERE "deletedAt" IS NULL;

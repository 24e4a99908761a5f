-- Duplicates that races left behind (finding 5) are revoked first, keeping the newest (an accepted
-- grant before a pending one), so the unique indexes can be built on any existing database.
UPDATE "firm_grants" SET "revoked_at" = now() WHERE "revoked_at" IS NULL AND "id" NOT IN (
  SELECT DISTINCT ON ("business_id", "firm_id") "id" FROM "firm_grants" WHERE "revoked_at" IS NULL
  ORDER BY "business_id", "firm_id", "accepted_at" DESC NULLS LAST, "created_at" DESC
);--> statement-breakpoint
UPDATE "firm_invitations" SET "revoked_at" = now() WHERE "accepted_at" IS NULL AND "revoked_at" IS NULL AND "id" NOT IN (
  SELECT DISTINCT ON ("firm_id", "email") "id" FROM "firm_invitations" WHERE "accepted_at" IS NULL AND "revoked_at" IS NULL
  ORDER BY "firm_id", "email", "created_at" DESC
);--> statement-breakpoint
UPDATE "invitations" SET "revoked_at" = now() WHERE "accepted_at" IS NULL AND "revoked_at" IS NULL AND "id" NOT IN (
  SELECT DISTINCT ON ("business_id", "email") "id" FROM "invitations" WHERE "accepted_at" IS NULL AND "revoked_at" IS NULL
  ORDER BY "business_id", "email", "created_at" DESC
);--> statement-breakpoint
CREATE UNIQUE INDEX "firm_grants_live_idx" ON "firm_grants" USING btree ("business_id","firm_id") WHERE revoked_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "firm_invitations_pending_idx" ON "firm_invitations" USING btree ("firm_id","email") WHERE accepted_at is null and revoked_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_pending_idx" ON "invitations" USING btree ("business_id","email") WHERE accepted_at is null and revoked_at is null;

ALTER TABLE "firm_grants" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "firm_grants" ADD COLUMN "accepted_by" text;--> statement-breakpoint
ALTER TABLE "firm_grants" ADD CONSTRAINT "firm_grants_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Grants made before acceptance existed were in force: they count as accepted when made.
UPDATE "firm_grants" SET "accepted_at" = "created_at" WHERE "accepted_at" IS NULL;
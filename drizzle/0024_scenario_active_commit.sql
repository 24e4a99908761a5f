ALTER TABLE "scenarios" ADD COLUMN "active" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "scenarios" ADD COLUMN "commit_state" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "scenarios_one_active_idx" ON "scenarios" USING btree ("business_id") WHERE "scenarios"."active";
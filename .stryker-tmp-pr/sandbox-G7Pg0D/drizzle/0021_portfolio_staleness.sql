ALTER TABLE "portfolio_snapshots" ADD COLUMN "changed_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "portfolio_snapshots" ADD COLUMN "computed_seq" integer DEFAULT 0 NOT NULL;
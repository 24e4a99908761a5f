ALTER TABLE "portfolio_snapshots" ADD COLUMN "bank_cash_cents" bigint;--> statement-breakpoint
ALTER TABLE "portfolio_snapshots" ADD COLUMN "bank_gap_cents" bigint;--> statement-breakpoint
ALTER TABLE "portfolio_snapshots" ADD COLUMN "bank_as_of" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "portfolio_snapshots" ADD COLUMN "bank_state" text DEFAULT 'none' NOT NULL;
CREATE TABLE "portfolio_snapshots" (
	"business_id" text PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"runway" jsonb NOT NULL,
	"state" text NOT NULL,
	"runway_days" integer,
	"runway_days_week_ago" integer,
	"cash_cents" bigint NOT NULL,
	"spendable_cents" bigint NOT NULL,
	"lowest_cents" bigint NOT NULL,
	"lowest_date" date NOT NULL,
	"overdue_ar_cents" bigint NOT NULL,
	"bills_due_7d_cents" bigint NOT NULL,
	"bills_due_7d_count" integer NOT NULL,
	"tray_count" integer NOT NULL,
	"connection" text NOT NULL,
	"last_success_at" timestamp with time zone,
	"sync_failing" boolean NOT NULL,
	"open_alerts" integer NOT NULL,
	"currency" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "portfolio_snapshots" ADD CONSTRAINT "portfolio_snapshots_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portfolio_snapshots_state_idx" ON "portfolio_snapshots" USING btree ("business_id","state");
CREATE TYPE "public"."decision_kind" AS ENUM('schedule', 'promise', 'reminder', 'recordPayment');--> statement-breakpoint
CREATE TYPE "public"."decision_status" AS ENUM('planned', 'committed', 'executed', 'superseded', 'expired', 'failed');--> statement-breakpoint
CREATE TYPE "public"."reserve_kind" AS ENUM('hold', 'setAside', 'percentOfInflows');--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"business_id" text NOT NULL,
	"kind" "decision_kind" NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"status" "decision_status" NOT NULL,
	"date" date,
	"amount_cents" bigint,
	"account_id" text,
	"rail" text DEFAULT 'qbo_record' NOT NULL,
	"request_id" text,
	"qbo_txn_id" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_by" text,
	"committed_at" timestamp with time zone,
	"executed_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"drift_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reserves" (
	"id" text PRIMARY KEY NOT NULL,
	"business_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" "reserve_kind" NOT NULL,
	"amount_cents" bigint,
	"basis_points" integer,
	"release_date" date,
	"pay_date" date,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	"released_by" text
);
--> statement-breakpoint
CREATE TABLE "tray_dismissals" (
	"business_id" text NOT NULL,
	"item_key" text NOT NULL,
	"until" date,
	"reason" text NOT NULL,
	"by" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tray_dismissals_business_id_item_key_pk" PRIMARY KEY("business_id","item_key")
);
--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_committed_by_users_id_fk" FOREIGN KEY ("committed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserves" ADD CONSTRAINT "reserves_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserves" ADD CONSTRAINT "reserves_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserves" ADD CONSTRAINT "reserves_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tray_dismissals" ADD CONSTRAINT "tray_dismissals_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tray_dismissals" ADD CONSTRAINT "tray_dismissals_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_live_idx" ON "decisions" USING btree ("business_id","kind","target_type","target_id") WHERE status in ('planned', 'committed');--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_request_idx" ON "decisions" USING btree ("business_id","request_id");--> statement-breakpoint
CREATE INDEX "decisions_business_idx" ON "decisions" USING btree ("business_id","status");--> statement-breakpoint
CREATE INDEX "reserves_business_idx" ON "reserves" USING btree ("business_id","released_at");
CREATE TYPE "public"."alert_kind" AS ENUM('balance', 'runway');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."digest_kind" AS ENUM('weekly', 'manual');--> statement-breakpoint
CREATE TABLE "cash_snapshots" (
	"business_id" text NOT NULL,
	"date" date NOT NULL,
	"cash_cents" bigint NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cash_snapshots_business_id_date_pk" PRIMARY KEY("business_id","date")
);
--> statement-breakpoint
CREATE TABLE "digest_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"business_id" text NOT NULL,
	"digest_id" text NOT NULL,
	"user_id" text NOT NULL,
	"to_address" text NOT NULL,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"email_id" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "digests" (
	"id" text PRIMARY KEY NOT NULL,
	"business_id" text NOT NULL,
	"kind" "digest_kind" NOT NULL,
	"iso_week" text NOT NULL,
	"as_of" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"snapshot" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_prefs" (
	"business_id" text NOT NULL,
	"user_id" text NOT NULL,
	"digest_email" boolean DEFAULT true NOT NULL,
	"alert_email" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_prefs_business_id_user_id_pk" PRIMARY KEY("business_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "runway_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"business_id" text NOT NULL,
	"kind" "alert_kind" NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"as_of" date NOT NULL,
	"crossing_date" date NOT NULL,
	"amount_cents" bigint NOT NULL,
	"detail" jsonb NOT NULL,
	"notified_at" timestamp with time zone,
	"recovered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "businesses" ADD COLUMN "alert_below_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "businesses" ADD COLUMN "alert_runway_weeks" integer;--> statement-breakpoint
ALTER TABLE "cash_snapshots" ADD CONSTRAINT "cash_snapshots_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_digest_id_digests_id_fk" FOREIGN KEY ("digest_id") REFERENCES "public"."digests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_email_id_emails_id_fk" FOREIGN KEY ("email_id") REFERENCES "public"."emails"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digests" ADD CONSTRAINT "digests_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digests" ADD CONSTRAINT "digests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_prefs" ADD CONSTRAINT "notification_prefs_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_prefs" ADD CONSTRAINT "notification_prefs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runway_alerts" ADD CONSTRAINT "runway_alerts_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "digest_deliveries_recipient_idx" ON "digest_deliveries" USING btree ("digest_id","user_id");--> statement-breakpoint
CREATE INDEX "digest_deliveries_business_idx" ON "digest_deliveries" USING btree ("business_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "digests_weekly_idx" ON "digests" USING btree ("business_id","iso_week") WHERE kind = 'weekly';--> statement-breakpoint
CREATE INDEX "digests_business_idx" ON "digests" USING btree ("business_id","as_of");--> statement-breakpoint
CREATE UNIQUE INDEX "runway_alerts_open_idx" ON "runway_alerts" USING btree ("business_id","kind") WHERE recovered_at is null;--> statement-breakpoint
CREATE INDEX "runway_alerts_business_idx" ON "runway_alerts" USING btree ("business_id","raised_at");
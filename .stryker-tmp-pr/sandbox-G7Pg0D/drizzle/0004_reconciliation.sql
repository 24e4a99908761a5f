CREATE TABLE "qbo_drift" (
	"id" text PRIMARY KEY NOT NULL,
	"business_id" text NOT NULL,
	"run_id" text,
	"detected_at" timestamp with time zone NOT NULL,
	"entity" text NOT NULL,
	"qbo_id" text NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "qbo_connections" ADD COLUMN "last_reconciled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "qbo_drift" ADD CONSTRAINT "qbo_drift_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "qbo_drift_business_idx" ON "qbo_drift" USING btree ("business_id","detected_at");
CREATE TABLE "qbo_webhook_events" (
	"business_id" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qbo_webhook_events_business_id_dedupe_key_pk" PRIMARY KEY("business_id","dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "qbo_webhook_events" ADD CONSTRAINT "qbo_webhook_events_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;
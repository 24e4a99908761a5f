ALTER TABLE "qbo_entity_state" ADD COLUMN "availability" text DEFAULT 'available' NOT NULL;--> statement-breakpoint
ALTER TABLE "qbo_entity_state" ADD COLUMN "unavailable_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "qbo_entity_state" ADD COLUMN "unavailable_status" integer;--> statement-breakpoint
ALTER TABLE "qbo_entity_state" ADD COLUMN "unavailable_code" text;--> statement-breakpoint
ALTER TABLE "qbo_entity_state" ADD COLUMN "unavailable_detail" text;--> statement-breakpoint
ALTER TABLE "qbo_entity_state" ADD COLUMN "unavailable_via" text;--> statement-breakpoint
ALTER TABLE "qbo_entity_state" ADD COLUMN "cdc_supported" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "qbo_entity_state" ADD COLUMN "queried_through" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "qbo_entity_state" ADD COLUMN "retry_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "gaps" jsonb;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "throttled_until" timestamp with time zone;
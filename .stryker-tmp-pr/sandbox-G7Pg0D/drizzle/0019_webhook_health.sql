ALTER TABLE "qbo_connections" ADD COLUMN "webhook_health" text DEFAULT 'unhealthy' NOT NULL;--> statement-breakpoint
ALTER TABLE "qbo_connections" ADD COLUMN "webhook_health_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "qbo_connections" ADD COLUMN "clean_polls" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "qbo_connections" ADD COLUMN "last_webhook_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "qbo_webhook_events" ADD COLUMN "entity" text;--> statement-breakpoint
ALTER TABLE "qbo_webhook_events" ADD COLUMN "entity_id" text;--> statement-breakpoint
CREATE INDEX "qbo_webhook_events_entity_idx" ON "qbo_webhook_events" USING btree ("business_id","entity","entity_id");
CREATE TYPE "public"."qbo_connection_status" AS ENUM('active', 'needs_reauth', 'disconnected');--> statement-breakpoint
CREATE TYPE "public"."qbo_entity_sync_status" AS ENUM('idle', 'running', 'failed');--> statement-breakpoint
CREATE TYPE "public"."sync_run_status" AS ENUM('running', 'succeeded', 'failed');--> statement-breakpoint
CREATE TABLE "qbo_accounts" (
	"business_id" text NOT NULL,
	"qbo_id" text NOT NULL,
	"sync_token" integer NOT NULL,
	"name" text NOT NULL,
	"fully_qualified_name" text,
	"account_type" text NOT NULL,
	"account_sub_type" text,
	"classification" text,
	"currency" text,
	"current_balance_cents" bigint NOT NULL,
	"active" boolean NOT NULL,
	"parent_id" text,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "qbo_accounts_business_id_qbo_id_pk" PRIMARY KEY("business_id","qbo_id")
);
--> statement-breakpoint
CREATE TABLE "qbo_connections" (
	"business_id" text PRIMARY KEY NOT NULL,
	"realm_id" text NOT NULL,
	"environment" text NOT NULL,
	"status" "qbo_connection_status" DEFAULT 'active' NOT NULL,
	"company_name" text,
	"home_currency" text,
	"connected_by" text,
	"connected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cdc_cursor" timestamp with time zone,
	"last_full_sync_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"next_sync_at" timestamp with time zone,
	"last_error" text,
	"needs_reauth_at" timestamp with time zone,
	"company_info" jsonb,
	"preferences" jsonb
);
--> statement-breakpoint
CREATE TABLE "qbo_entity_state" (
	"business_id" text NOT NULL,
	"entity" text NOT NULL,
	"status" "qbo_entity_sync_status" DEFAULT 'idle' NOT NULL,
	"full_sync_next_position" integer,
	"full_sync_done" boolean DEFAULT false NOT NULL,
	"full_sync_started_at" timestamp with time zone,
	"records" integer DEFAULT 0 NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"failure_streak" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "qbo_entity_state_business_id_entity_pk" PRIMARY KEY("business_id","entity")
);
--> statement-breakpoint
CREATE TABLE "qbo_metered_reads" (
	"month" text PRIMARY KEY NOT NULL,
	"reads" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qbo_oauth_states" (
	"nonce_hash" text PRIMARY KEY NOT NULL,
	"business_id" text NOT NULL,
	"user_id" text NOT NULL,
	"allow_realm_change" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "qbo_parties" (
	"business_id" text NOT NULL,
	"kind" text NOT NULL,
	"qbo_id" text NOT NULL,
	"sync_token" integer NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"balance_cents" bigint NOT NULL,
	"active" boolean NOT NULL,
	"term_id" text,
	"parent_id" text,
	"currency" text,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "qbo_parties_business_id_kind_qbo_id_pk" PRIMARY KEY("business_id","kind","qbo_id")
);
--> statement-breakpoint
CREATE TABLE "qbo_rate_events" (
	"id" text PRIMARY KEY NOT NULL,
	"realm_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"lease_expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "qbo_raw" (
	"business_id" text NOT NULL,
	"entity" text NOT NULL,
	"qbo_id" text NOT NULL,
	"sync_token" integer NOT NULL,
	"last_updated_at" timestamp with time zone NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"payload" jsonb,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qbo_raw_business_id_entity_qbo_id_pk" PRIMARY KEY("business_id","entity","qbo_id")
);
--> statement-breakpoint
CREATE TABLE "qbo_recurring" (
	"business_id" text NOT NULL,
	"qbo_id" text NOT NULL,
	"sync_token" integer NOT NULL,
	"txn_type" text NOT NULL,
	"name" text,
	"active" boolean NOT NULL,
	"interval_type" text,
	"num_interval" integer,
	"day_of_month" integer,
	"next_date" date,
	"amount_cents" bigint,
	"party_id" text,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "qbo_recurring_business_id_qbo_id_pk" PRIMARY KEY("business_id","qbo_id")
);
--> statement-breakpoint
CREATE TABLE "qbo_terms" (
	"business_id" text NOT NULL,
	"qbo_id" text NOT NULL,
	"sync_token" integer NOT NULL,
	"name" text NOT NULL,
	"due_days" integer,
	"active" boolean NOT NULL,
	CONSTRAINT "qbo_terms_business_id_qbo_id_pk" PRIMARY KEY("business_id","qbo_id")
);
--> statement-breakpoint
CREATE TABLE "qbo_tokens" (
	"business_id" text PRIMARY KEY NOT NULL,
	"access_token_enc" text NOT NULL,
	"refresh_token_enc" text NOT NULL,
	"access_expires_at" timestamp with time zone NOT NULL,
	"refresh_expires_at" timestamp with time zone NOT NULL,
	"hard_expires_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qbo_transaction_links" (
	"business_id" text NOT NULL,
	"from_type" text NOT NULL,
	"from_id" text NOT NULL,
	"line_no" integer NOT NULL,
	"to_type" text NOT NULL,
	"to_id" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "qbo_transaction_links_business_id_from_type_from_id_line_no_pk" PRIMARY KEY("business_id","from_type","from_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "qbo_transactions" (
	"business_id" text NOT NULL,
	"type" text NOT NULL,
	"qbo_id" text NOT NULL,
	"sync_token" integer NOT NULL,
	"doc_number" text,
	"txn_date" date,
	"due_date" date,
	"amount_cents" bigint NOT NULL,
	"balance_cents" bigint,
	"currency" text,
	"exchange_rate" text,
	"customer_id" text,
	"vendor_id" text,
	"account_id" text,
	"to_account_id" text,
	"term_id" text,
	"email_status" text,
	"is_credit" boolean DEFAULT false NOT NULL,
	"private_note" text,
	"line_account_ids" jsonb,
	"last_updated_at" timestamp with time zone NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "qbo_transactions_business_id_type_qbo_id_pk" PRIMARY KEY("business_id","type","qbo_id")
);
--> statement-breakpoint
CREATE TABLE "sync_leases" (
	"business_id" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"business_id" text NOT NULL,
	"trigger" text NOT NULL,
	"kind" text NOT NULL,
	"status" "sync_run_status" DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"progress" jsonb,
	"api_calls" integer DEFAULT 0 NOT NULL,
	"records_changed" integer DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "qbo_accounts" ADD CONSTRAINT "qbo_accounts_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbo_connections" ADD CONSTRAINT "qbo_connections_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbo_connections" ADD CONSTRAINT "qbo_connections_connected_by_users_id_fk" FOREIGN KEY ("connected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbo_entity_state" ADD CONSTRAINT "qbo_entity_state_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbo_oauth_states" ADD CONSTRAINT "qbo_oauth_states_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbo_oauth_states" ADD CONSTRAINT "qbo_oauth_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbo_parties" ADD CONSTRAINT "qbo_parties_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbo_raw" ADD CONSTRAINT "qbo_raw_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbo_recurring" ADD CONSTRAINT "qbo_recurring_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbo_terms" ADD CONSTRAINT "qbo_terms_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbo_tokens" ADD CONSTRAINT "qbo_tokens_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbo_transaction_links" ADD CONSTRAINT "qbo_transaction_links_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qbo_transactions" ADD CONSTRAINT "qbo_transactions_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_leases" ADD CONSTRAINT "sync_leases_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "qbo_connections_realm_idx" ON "qbo_connections" USING btree ("realm_id") WHERE status <> 'disconnected';--> statement-breakpoint
CREATE INDEX "qbo_oauth_states_business_idx" ON "qbo_oauth_states" USING btree ("business_id");--> statement-breakpoint
CREATE INDEX "qbo_rate_events_realm_idx" ON "qbo_rate_events" USING btree ("realm_id","started_at");--> statement-breakpoint
CREATE INDEX "qbo_transaction_links_to_idx" ON "qbo_transaction_links" USING btree ("business_id","to_type","to_id");--> statement-breakpoint
CREATE INDEX "qbo_transactions_open_idx" ON "qbo_transactions" USING btree ("business_id","type","due_date");--> statement-breakpoint
CREATE INDEX "sync_runs_business_idx" ON "sync_runs" USING btree ("business_id","started_at");
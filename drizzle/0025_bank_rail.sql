CREATE TYPE "public"."bank_item_status" AS ENUM('active', 'needs_login', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."bank_link_mode" AS ENUM('create', 'update');--> statement-breakpoint
CREATE TYPE "public"."bank_link_status" AS ENUM('open', 'success', 'exited', 'failed');--> statement-breakpoint
CREATE TABLE "bank_accounts" (
	"business_id" text NOT NULL,
	"bank_item_id" text NOT NULL,
	"account_id" text NOT NULL,
	"name" text NOT NULL,
	"official_name" text,
	"mask" text,
	"type" text NOT NULL,
	"subtype" text,
	"current_cents" bigint,
	"available_cents" bigint,
	"limit_cents" bigint,
	"currency" text,
	"balances_as_of" timestamp with time zone NOT NULL,
	"balances_source" text DEFAULT 'cached' NOT NULL,
	"qbo_account_id" text,
	"mapping_confirmed_at" timestamp with time zone,
	"mapping_confirmed_by" text,
	"gone" boolean DEFAULT false NOT NULL,
	CONSTRAINT "bank_accounts_bank_item_id_account_id_pk" PRIMARY KEY("bank_item_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "bank_items" (
	"id" text PRIMARY KEY NOT NULL,
	"business_id" text NOT NULL,
	"item_id" text NOT NULL,
	"environment" text NOT NULL,
	"institution_id" text,
	"institution_name" text,
	"access_token_enc" text NOT NULL,
	"status" "bank_item_status" DEFAULT 'active' NOT NULL,
	"error_code" text,
	"consent_expires_at" timestamp with time zone,
	"new_accounts_available" boolean DEFAULT false NOT NULL,
	"cursor" text,
	"last_synced_at" timestamp with time zone,
	"last_sync_error" text,
	"balance_refreshed_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_link_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"business_id" text NOT NULL,
	"link_token" text NOT NULL,
	"mode" "bank_link_mode" NOT NULL,
	"bank_item_id" text,
	"created_by" text NOT NULL,
	"status" "bank_link_status" DEFAULT 'open' NOT NULL,
	"error_code" text,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "bank_transactions" (
	"business_id" text NOT NULL,
	"bank_item_id" text NOT NULL,
	"transaction_id" text NOT NULL,
	"account_id" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"currency" text,
	"date" date NOT NULL,
	"authorized_date" date,
	"name" text NOT NULL,
	"merchant_name" text,
	"pending" boolean NOT NULL,
	"pending_transaction_id" text,
	"category" text,
	"check_number" text,
	CONSTRAINT "bank_transactions_bank_item_id_transaction_id_pk" PRIMARY KEY("bank_item_id","transaction_id")
);
--> statement-breakpoint
CREATE TABLE "bank_webhook_events" (
	"business_id" text NOT NULL,
	"delivery_sha256" text NOT NULL,
	"webhook_type" text NOT NULL,
	"webhook_code" text NOT NULL,
	"item_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_webhook_events_business_id_delivery_sha256_pk" PRIMARY KEY("business_id","delivery_sha256")
);
--> statement-breakpoint
CREATE TABLE "plaid_api_calls" (
	"business_id" text NOT NULL,
	"item_id" text NOT NULL,
	"month" text NOT NULL,
	"endpoint" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "plaid_api_calls_business_id_item_id_month_endpoint_pk" PRIMARY KEY("business_id","item_id","month","endpoint")
);
--> statement-breakpoint
CREATE TABLE "plaid_app_calls" (
	"month" text NOT NULL,
	"endpoint" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "plaid_app_calls_month_endpoint_pk" PRIMARY KEY("month","endpoint")
);
--> statement-breakpoint
ALTER TABLE "portfolio_snapshots" ADD COLUMN "bank_cash_cents" bigint;--> statement-breakpoint
ALTER TABLE "portfolio_snapshots" ADD COLUMN "bank_gap_cents" bigint;--> statement-breakpoint
ALTER TABLE "portfolio_snapshots" ADD COLUMN "bank_as_of" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "portfolio_snapshots" ADD COLUMN "bank_state" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD CONSTRAINT "bank_accounts_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD CONSTRAINT "bank_accounts_bank_item_id_bank_items_id_fk" FOREIGN KEY ("bank_item_id") REFERENCES "public"."bank_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD CONSTRAINT "bank_accounts_mapping_confirmed_by_users_id_fk" FOREIGN KEY ("mapping_confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_items" ADD CONSTRAINT "bank_items_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_items" ADD CONSTRAINT "bank_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_link_sessions" ADD CONSTRAINT "bank_link_sessions_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_link_sessions" ADD CONSTRAINT "bank_link_sessions_bank_item_id_bank_items_id_fk" FOREIGN KEY ("bank_item_id") REFERENCES "public"."bank_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_link_sessions" ADD CONSTRAINT "bank_link_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_transactions" ADD CONSTRAINT "bank_transactions_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_transactions" ADD CONSTRAINT "bank_transactions_bank_item_id_bank_items_id_fk" FOREIGN KEY ("bank_item_id") REFERENCES "public"."bank_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_webhook_events" ADD CONSTRAINT "bank_webhook_events_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plaid_api_calls" ADD CONSTRAINT "plaid_api_calls_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_accounts_business" ON "bank_accounts" USING btree ("business_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_items_item_id" ON "bank_items" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "bank_items_business" ON "bank_items" USING btree ("business_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_link_sessions_token" ON "bank_link_sessions" USING btree ("link_token");--> statement-breakpoint
CREATE INDEX "bank_link_sessions_business" ON "bank_link_sessions" USING btree ("business_id","created_at");--> statement-breakpoint
CREATE INDEX "bank_transactions_business_date" ON "bank_transactions" USING btree ("business_id","date");--> statement-breakpoint
CREATE INDEX "bank_webhook_events_received" ON "bank_webhook_events" USING btree ("business_id","received_at");
CREATE TABLE "firm_digest_deliveries" (
	"firm_id" text NOT NULL,
	"iso_week" text NOT NULL,
	"user_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"email_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "firm_digest_deliveries_firm_id_iso_week_user_id_pk" PRIMARY KEY("firm_id","iso_week","user_id")
);
--> statement-breakpoint
ALTER TABLE "firm_digest_deliveries" ADD CONSTRAINT "firm_digest_deliveries_firm_id_firms_id_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firm_digest_deliveries" ADD CONSTRAINT "firm_digest_deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
CREATE TABLE "vendor_pay_rules" (
	"business_id" text NOT NULL,
	"vendor_id" text NOT NULL,
	"must_pay" boolean NOT NULL,
	"by" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_pay_rules_business_id_vendor_id_pk" PRIMARY KEY("business_id","vendor_id")
);
--> statement-breakpoint
ALTER TABLE "vendor_pay_rules" ADD CONSTRAINT "vendor_pay_rules_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_pay_rules" ADD CONSTRAINT "vendor_pay_rules_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
CREATE TABLE "job_slots" (
	"job_id" text NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_slots_job_id_slot_pk" PRIMARY KEY("job_id","slot")
);
--> statement-breakpoint
CREATE INDEX "job_slots_claimed_idx" ON "job_slots" USING btree ("created_at");
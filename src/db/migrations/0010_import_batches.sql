CREATE TABLE "import_batch_rows" (
	"batch_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"plan" jsonb NOT NULL,
	CONSTRAINT "import_batch_rows_batch_id_row_pk" PRIMARY KEY("batch_id","row")
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"sheet" text,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"mapping" jsonb,
	"options" jsonb DEFAULT '{"includeDuplicates":false}'::jsonb NOT NULL,
	"report" jsonb,
	"rows_total" integer DEFAULT 0 NOT NULL,
	"rows_ready" integer DEFAULT 0 NOT NULL,
	"rows_imported" integer DEFAULT 0 NOT NULL,
	"planned_on" text,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_at" timestamp with time zone,
	"imported_at" timestamp with time zone,
	"rolled_back_by" uuid,
	"rolled_back_at" timestamp with time zone,
	"file_purged_at" timestamp with time zone,
	CONSTRAINT "import_batches_status_check" CHECK ("import_batches"."status" in ('uploaded','checked','importing','imported','rolled_back','failed'))
);
--> statement-breakpoint
CREATE TABLE "import_files" (
	"batch_id" uuid PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"saved_by" uuid,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "import_batch_id" uuid;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "import_batch_id" uuid;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "import_batch_id" uuid;--> statement-breakpoint
ALTER TABLE "stage_events" ADD COLUMN "import_batch_id" uuid;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "import_batch_id" uuid;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "import_batch_id" uuid;--> statement-breakpoint
ALTER TABLE "import_batch_rows" ADD CONSTRAINT "import_batch_rows_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_rolled_back_by_users_id_fk" FOREIGN KEY ("rolled_back_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_files" ADD CONSTRAINT "import_files_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_batches_agency_created_idx" ON "import_batches" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "import_mappings_agency_name_key" ON "import_mappings" USING btree ("agency_id","name");--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_events" ADD CONSTRAINT "stage_events_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "households_import_batch_idx" ON "households" USING btree ("import_batch_id") WHERE "households"."import_batch_id" is not null;--> statement-breakpoint
CREATE INDEX "people_import_batch_idx" ON "people" USING btree ("import_batch_id") WHERE "people"."import_batch_id" is not null;--> statement-breakpoint
CREATE INDEX "enquiries_import_batch_idx" ON "enquiries" USING btree ("import_batch_id") WHERE "enquiries"."import_batch_id" is not null;--> statement-breakpoint
CREATE INDEX "stage_events_import_batch_idx" ON "stage_events" USING btree ("import_batch_id") WHERE "stage_events"."import_batch_id" is not null;--> statement-breakpoint
CREATE INDEX "consents_import_batch_idx" ON "consents" USING btree ("import_batch_id") WHERE "consents"."import_batch_id" is not null;--> statement-breakpoint
-- Stage events stay append-only. Besides erasure (crm.erasure), one narrow escape: rolling back a
-- tracker import sets crm.import_rollback, for its own transaction only (set_config(..., true)), to
-- the batch's id, and may then delete that batch's own events and nothing else. Updates stay refused.
CREATE OR REPLACE FUNCTION stage_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('crm.erasure', true) = 'on' THEN
    RETURN COALESCE(NEW, OLD);
  END IF;
  IF TG_OP = 'DELETE' AND OLD.import_batch_id IS NOT NULL
     AND OLD.import_batch_id::text = current_setting('crm.import_rollback', true) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'stage_events is append-only: record a new event instead of changing history';
END;
$$;

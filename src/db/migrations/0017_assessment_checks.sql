CREATE TABLE "assessment_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"enquiry_id" uuid NOT NULL,
	"check_type_id" uuid NOT NULL,
	"person_id" uuid,
	"referee_name" text,
	"referee_email" text,
	"referee_kind" text,
	"status" text DEFAULT 'not_requested' NOT NULL,
	"requested_on" date,
	"last_chased_on" date,
	"chase_count" smallint DEFAULT 0 NOT NULL,
	"received_on" date,
	"outcome" text,
	"outcome_note" text,
	"outcome_by" uuid,
	"outcome_at" timestamp with time zone,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"link_sent_at" timestamp with time zone,
	"first_reminder_at" timestamp with time zone,
	"second_reminder_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"answers" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_checks_status_check" CHECK ("assessment_checks"."status" in ('not_requested', 'requested', 'chased', 'received')),
	CONSTRAINT "assessment_checks_outcome_check" CHECK ("assessment_checks"."outcome" is null or "assessment_checks"."outcome" in ('clear', 'concern', 'not_needed')),
	CONSTRAINT "assessment_checks_received_after_requested_check" CHECK ("assessment_checks"."received_on" is null or "assessment_checks"."requested_on" is null or "assessment_checks"."received_on" >= "assessment_checks"."requested_on"),
	CONSTRAINT "assessment_checks_referee_check" CHECK ("assessment_checks"."referee_kind" is null or "assessment_checks"."person_id" is null)
);
--> statement-breakpoint
CREATE TABLE "check_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"stage" smallint NOT NULL,
	"applies_to" text NOT NULL,
	"referee_kind" text,
	"expected_turnaround_days" smallint NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_types_stage_check" CHECK ("check_types"."stage" in (1, 2)),
	CONSTRAINT "check_types_applies_to_check" CHECK ("check_types"."applies_to" in ('each_adult', 'each_applicant', 'household', 'each_referee')),
	CONSTRAINT "check_types_referee_kind_check" CHECK (("check_types"."applies_to" = 'each_referee') = ("check_types"."referee_kind" is not null) and ("check_types"."referee_kind" is null or "check_types"."referee_kind" in ('personal', 'employer', 'former_partner', 'school', 'previous_fostering'))),
	CONSTRAINT "check_types_turnaround_check" CHECK ("check_types"."expected_turnaround_days" between 1 and 366)
);
--> statement-breakpoint
ALTER TABLE "panel_cases" ADD COLUMN "checks_override_reason" text;--> statement-breakpoint
ALTER TABLE "panel_cases" ADD COLUMN "checks_override_by" uuid;--> statement-breakpoint
ALTER TABLE "panel_cases" ADD COLUMN "checks_override_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assessment_checks" ADD CONSTRAINT "assessment_checks_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_checks" ADD CONSTRAINT "assessment_checks_enquiry_id_enquiries_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."enquiries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_checks" ADD CONSTRAINT "assessment_checks_check_type_id_check_types_id_fk" FOREIGN KEY ("check_type_id") REFERENCES "public"."check_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_checks" ADD CONSTRAINT "assessment_checks_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_checks" ADD CONSTRAINT "assessment_checks_outcome_by_users_id_fk" FOREIGN KEY ("outcome_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_checks" ADD CONSTRAINT "assessment_checks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_types" ADD CONSTRAINT "check_types_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_checks_enquiry_idx" ON "assessment_checks" USING btree ("enquiry_id");--> statement-breakpoint
CREATE INDEX "assessment_checks_agency_type_idx" ON "assessment_checks" USING btree ("agency_id","check_type_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_checks_person_key" ON "assessment_checks" USING btree ("enquiry_id","check_type_id","person_id") WHERE "assessment_checks"."person_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_checks_household_key" ON "assessment_checks" USING btree ("enquiry_id","check_type_id") WHERE "assessment_checks"."person_id" is null and "assessment_checks"."referee_kind" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_checks_token_key" ON "assessment_checks" USING btree ("token_hash") WHERE "assessment_checks"."token_hash" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "check_types_agency_key" ON "check_types" USING btree ("agency_id","key");--> statement-breakpoint
ALTER TABLE "panel_cases" ADD CONSTRAINT "panel_cases_checks_override_by_users_id_fk" FOREIGN KEY ("checks_override_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
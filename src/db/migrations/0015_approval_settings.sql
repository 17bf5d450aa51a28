CREATE TABLE "approval_setting_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"setting" text NOT NULL,
	"value" jsonb NOT NULL,
	"previous_value" jsonb NOT NULL,
	"effective_from" date NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_setting_changes_setting_check" CHECK ("approval_setting_changes"."setting" in ('approval_route', 'timeliness_standard'))
);
--> statement-breakpoint
ALTER TABLE "approval_setting_changes" ADD CONSTRAINT "approval_setting_changes_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_setting_changes" ADD CONSTRAINT "approval_setting_changes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_setting_changes_agency_idx" ON "approval_setting_changes" USING btree ("agency_id","setting","effective_from");
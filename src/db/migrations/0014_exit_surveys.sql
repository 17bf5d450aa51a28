CREATE TABLE "exit_surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"enquiry_id" uuid NOT NULL,
	"opened_event_id" bigint NOT NULL,
	"trigger" text NOT NULL,
	"stage" text NOT NULL,
	"close_event_id" bigint,
	"message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"choice" text,
	"own_words" text,
	"contact_again" boolean,
	"accepted_code" text,
	"accepted_by" uuid,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "exit_surveys_trigger_check" CHECK ("exit_surveys"."trigger" in ('closed', 'quiet')),
	CONSTRAINT "exit_surveys_accepted_check" CHECK ("exit_surveys"."accepted_code" is null or "exit_surveys"."accepted_code" in ('AW0','AW1','AW2','AW3','AW4','AW5'))
);
--> statement-breakpoint
ALTER TABLE "exit_surveys" ADD CONSTRAINT "exit_surveys_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exit_surveys" ADD CONSTRAINT "exit_surveys_enquiry_id_enquiries_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."enquiries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exit_surveys" ADD CONSTRAINT "exit_surveys_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exit_surveys" ADD CONSTRAINT "exit_surveys_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exit_surveys_spell_key" ON "exit_surveys" USING btree ("enquiry_id","opened_event_id");--> statement-breakpoint
CREATE INDEX "exit_surveys_agency_close_idx" ON "exit_surveys" USING btree ("agency_id","close_event_id");
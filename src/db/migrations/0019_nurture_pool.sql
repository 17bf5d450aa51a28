CREATE TABLE "nurture_pool" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"enquiry_id" uuid NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"joined_by" uuid,
	"steps_sent" integer DEFAULT 0 NOT NULL,
	"last_sent_at" timestamp with time zone,
	"left_at" timestamp with time zone,
	"left_reason" text,
	CONSTRAINT "nurture_pool_left_check" CHECK (("nurture_pool"."left_at" is null) = ("nurture_pool"."left_reason" is null)),
	CONSTRAINT "nurture_pool_reason_check" CHECK ("nurture_pool"."left_reason" is null or "nurture_pool"."left_reason" in ('reply', 'booking', 'officer', 'moved_on'))
);
--> statement-breakpoint
ALTER TABLE "nurture_pool" ADD CONSTRAINT "nurture_pool_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nurture_pool" ADD CONSTRAINT "nurture_pool_enquiry_id_enquiries_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."enquiries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nurture_pool" ADD CONSTRAINT "nurture_pool_joined_by_users_id_fk" FOREIGN KEY ("joined_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "nurture_pool_open_idx" ON "nurture_pool" USING btree ("enquiry_id") WHERE "nurture_pool"."left_at" is null;--> statement-breakpoint
CREATE INDEX "nurture_pool_agency_idx" ON "nurture_pool" USING btree ("agency_id","joined_at");
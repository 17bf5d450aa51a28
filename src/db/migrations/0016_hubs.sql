CREATE TABLE "handoffs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enquiry_id" uuid NOT NULL,
	"hub_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"status" text DEFAULT 'offered' NOT NULL,
	"note" text,
	"return_reason" text,
	"offered_at" timestamp with time zone NOT NULL,
	"offered_by" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handoffs_status_check" CHECK ("handoffs"."status" in ('offered', 'accepted', 'returned', 'timed_out')),
	CONSTRAINT "handoffs_return_reason_check" CHECK ("handoffs"."status" <> 'returned' or "handoffs"."return_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "kind" text DEFAULT 'council' NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "hub_id" uuid;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "population" integer;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "hub_id" uuid;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "preferred_council_id" uuid;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "home_council_id" uuid;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "handed_off_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_enquiry_id_enquiries_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."enquiries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_hub_id_agencies_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_council_id_agencies_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_offered_by_users_id_fk" FOREIGN KEY ("offered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "handoffs_council_status_idx" ON "handoffs" USING btree ("council_id","status","due_at");--> statement-breakpoint
CREATE INDEX "handoffs_hub_idx" ON "handoffs" USING btree ("hub_id","offered_at");--> statement-breakpoint
CREATE INDEX "handoffs_enquiry_idx" ON "handoffs" USING btree ("enquiry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "handoffs_one_open_offer_idx" ON "handoffs" USING btree ("enquiry_id") WHERE "handoffs"."status" = 'offered';--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_hub_id_agencies_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_hub_id_agencies_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_preferred_council_id_agencies_id_fk" FOREIGN KEY ("preferred_council_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_home_council_id_agencies_id_fk" FOREIGN KEY ("home_council_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agencies_hub_idx" ON "agencies" USING btree ("hub_id") WHERE "agencies"."hub_id" is not null;--> statement-breakpoint
CREATE INDEX "enquiries_hub_idx" ON "enquiries" USING btree ("hub_id","received_at") WHERE "enquiries"."hub_id" is not null;--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_kind_check" CHECK ("agencies"."kind" in ('council', 'hub'));--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_hub_member_check" CHECK ("agencies"."hub_id" is null or "agencies"."kind" = 'council');--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_population_check" CHECK ("agencies"."population" is null or "agencies"."population" > 0);
CREATE TABLE "temporary_approval_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"enquiry_id" uuid NOT NULL,
	"weeks" integer NOT NULL,
	"agreed_on" date NOT NULL,
	"agreed_by" text NOT NULL,
	"agreed_by_user_id" uuid,
	"reason" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "temporary_approval_extensions_weeks_check" CHECK ("temporary_approval_extensions"."weeks" between 1 and 8)
);
--> statement-breakpoint
ALTER TABLE "enquiries" DROP CONSTRAINT "enquiries_route_check";--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "placed_on" date;--> statement-breakpoint
ALTER TABLE "temporary_approval_extensions" ADD CONSTRAINT "temporary_approval_extensions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temporary_approval_extensions" ADD CONSTRAINT "temporary_approval_extensions_enquiry_id_enquiries_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."enquiries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temporary_approval_extensions" ADD CONSTRAINT "temporary_approval_extensions_agreed_by_user_id_users_id_fk" FOREIGN KEY ("agreed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temporary_approval_extensions" ADD CONSTRAINT "temporary_approval_extensions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "temporary_approval_extensions_enquiry_key" ON "temporary_approval_extensions" USING btree ("enquiry_id");--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_placed_on_route_check" CHECK ("enquiries"."placed_on" is null or "enquiries"."route" = 'family_and_friends');--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_route_check" CHECK ("enquiries"."route" in ('mainstream', 'transfer', 'family_and_friends'));
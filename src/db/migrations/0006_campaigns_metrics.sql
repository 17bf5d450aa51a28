CREATE TABLE "campaign_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"description" text NOT NULL,
	"amount_pence" integer NOT NULL,
	"vat" text DEFAULT 'no_vat' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_costs_amount_check" CHECK ("campaign_costs"."amount_pence" >= 0)
);
--> statement-breakpoint
CREATE TABLE "campaign_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"rag" text,
	"note" text NOT NULL,
	"by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"channel" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"owner_id" uuid,
	"review_on" date,
	"rag" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_channel_check" CHECK ("campaigns"."channel" in ('outdoor','print','digital','broadcast','event','internal','partner','other')),
	CONSTRAINT "campaigns_rag_check" CHECK ("campaigns"."rag" in ('red','amber','green'))
);
--> statement-breakpoint
CREATE TABLE "metric_counts" (
	"agency_id" uuid NOT NULL,
	"day" date NOT NULL,
	"measure" text NOT NULL,
	"stage" text DEFAULT '' NOT NULL,
	"from_stage" text DEFAULT '' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"route" text DEFAULT '' NOT NULL,
	"channel" text DEFAULT '' NOT NULL,
	"heard_about" text DEFAULT '' NOT NULL,
	"campaign_code" text DEFAULT '' NOT NULL,
	"days" integer DEFAULT 0 NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_dirty_days" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"day" date NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_status" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"full_computed_at" timestamp with time zone,
	"last_duration_ms" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"carers" integer NOT NULL,
	"set_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targets_kind_check" CHECK ("targets"."kind" in ('calendar', 'financial')),
	CONSTRAINT "targets_carers_check" CHECK ("targets"."carers" > 0)
);
--> statement-breakpoint
ALTER TABLE "campaign_costs" ADD CONSTRAINT "campaign_costs_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_updates" ADD CONSTRAINT "campaign_updates_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_updates" ADD CONSTRAINT "campaign_updates_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_status" ADD CONSTRAINT "metric_status_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_costs_campaign_idx" ON "campaign_costs" USING btree ("campaign_id","position");--> statement-breakpoint
CREATE INDEX "campaign_updates_campaign_idx" ON "campaign_updates" USING btree ("campaign_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_agency_code_key" ON "campaigns" USING btree ("agency_id",upper("code"));--> statement-breakpoint
CREATE INDEX "campaigns_agency_starts_idx" ON "campaigns" USING btree ("agency_id","starts_on");--> statement-breakpoint
CREATE INDEX "metric_counts_agency_measure_day_idx" ON "metric_counts" USING btree ("agency_id","measure","day");--> statement-breakpoint
CREATE INDEX "metric_dirty_days_agency_idx" ON "metric_dirty_days" USING btree ("agency_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "targets_agency_kind_year_key" ON "targets" USING btree ("agency_id","kind","year");--> statement-breakpoint
CREATE INDEX "stage_events_agency_at_idx" ON "stage_events" USING btree ("agency_id","at");--> statement-breakpoint
-- INCLUDE (written by hand; Drizzle cannot say it): the nightly rebuild reads each household's
-- stages in order from the index alone.
CREATE INDEX "stage_events_agency_enquiry_at_idx" ON "stage_events" USING btree ("agency_id","enquiry_id","at","id") INCLUDE ("stage","from_stage");--> statement-breakpoint
-- Metric roll-ups are rebuilt a day at a time. These triggers note, in the same transaction as the
-- change, every Europe/London day whose figures it alters, so no code path can forget to.
CREATE FUNCTION mark_metric_day(agency uuid, at timestamptz) RETURNS void LANGUAGE sql AS $$
  INSERT INTO metric_dirty_days (agency_id, day)
  SELECT agency, (at AT TIME ZONE 'Europe/London')::date
  WHERE agency IS NOT NULL AND at IS NOT NULL;
$$;
--> statement-breakpoint
-- Every day an enquiry's figures appear on: each of its stage events and each session it attended.
CREATE FUNCTION mark_enquiry_metric_days(agency uuid, enquiry uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO metric_dirty_days (agency_id, day)
  SELECT DISTINCT agency, (at AT TIME ZONE 'Europe/London')::date
  FROM (
    SELECT at FROM stage_events WHERE enquiry_id = enquiry
    UNION ALL
    SELECT e.starts_at FROM event_bookings b JOIN events e ON e.id = b.event_id
    WHERE b.enquiry_id = enquiry AND b.attended AND e.starts_at IS NOT NULL
  ) m;
$$;
--> statement-breakpoint
CREATE FUNCTION enquiries_mark_metrics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.received_at = OLD.received_at AND NEW.channel = OLD.channel
     AND NEW.route = OLD.route AND NEW.campaign_code IS NOT DISTINCT FROM OLD.campaign_code
     AND NEW.heard_about IS NOT DISTINCT FROM OLD.heard_about AND NEW.household_id = OLD.household_id THEN
    RETURN NULL; -- a stage move: the stage event's own trigger marks what it changes
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM mark_metric_day(OLD.agency_id, OLD.received_at);
    PERFORM mark_enquiry_metric_days(OLD.agency_id, OLD.id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM mark_metric_day(NEW.agency_id, NEW.received_at);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER enquiries_mark_metrics AFTER INSERT OR UPDATE OR DELETE ON enquiries
  FOR EACH ROW EXECUTE FUNCTION enquiries_mark_metrics();
--> statement-breakpoint
CREATE FUNCTION stage_events_mark_metrics() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ev stage_events%ROWTYPE;
  received timestamptz;
BEGIN
  IF TG_OP = 'DELETE' THEN ev := OLD; ELSE ev := NEW; END IF;
  PERFORM mark_metric_day(ev.agency_id, ev.at);
  -- The enquiry's cohort (the day it was received) has reached a new stage.
  SELECT received_at INTO received FROM enquiries WHERE id = ev.enquiry_id;
  IF (received AT TIME ZONE 'Europe/London')::date <> (ev.at AT TIME ZONE 'Europe/London')::date THEN
    PERFORM mark_metric_day(ev.agency_id, received);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stage_events_mark_metrics AFTER INSERT OR DELETE ON stage_events
  FOR EACH ROW EXECUTE FUNCTION stage_events_mark_metrics();
--> statement-breakpoint
CREATE FUNCTION event_bookings_mark_metrics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.attended IS NOT DISTINCT FROM OLD.attended
     AND NEW.enquiry_id = OLD.enquiry_id AND NEW.event_id = OLD.event_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.attended THEN
    PERFORM mark_metric_day(OLD.agency_id, (SELECT starts_at FROM events WHERE id = OLD.event_id));
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.attended THEN
    PERFORM mark_metric_day(NEW.agency_id, (SELECT starts_at FROM events WHERE id = NEW.event_id));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_bookings_mark_metrics AFTER INSERT OR UPDATE OR DELETE ON event_bookings
  FOR EACH ROW EXECUTE FUNCTION event_bookings_mark_metrics();
--> statement-breakpoint
CREATE FUNCTION events_mark_metrics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.starts_at IS DISTINCT FROM OLD.starts_at OR NEW.kind <> OLD.kind
      OR NEW.cancelled_at IS DISTINCT FROM OLD.cancelled_at)
     AND EXISTS (SELECT 1 FROM event_bookings WHERE event_id = NEW.id AND attended) THEN
    PERFORM mark_metric_day(OLD.agency_id, OLD.starts_at);
    PERFORM mark_metric_day(NEW.agency_id, NEW.starts_at);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_mark_metrics AFTER UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION events_mark_metrics();

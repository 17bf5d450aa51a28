ALTER TABLE "metric_counts" ADD COLUMN "council_id" uuid;--> statement-breakpoint
-- Issue 17 (written by hand). A hub's roll-ups count every household it received, wherever its rows
-- are now (a hand-off moves them to the council), with the member council as a dimension; a
-- council's count its households' whole history, hub era included. So a hand-off marks the
-- household's days for the council it joins, and any change to a household a hub received marks the
-- hub's days too. Information sessions count under the booking's agency (a hub-run session a
-- household attended before its hand-off counts for the council it joined), so moving an event's
-- date marks the agencies of the bookings on it.
CREATE OR REPLACE FUNCTION enquiries_mark_metrics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.received_at = OLD.received_at AND NEW.channel = OLD.channel
     AND NEW.route = OLD.route AND NEW.campaign_code IS NOT DISTINCT FROM OLD.campaign_code
     AND NEW.heard_about IS NOT DISTINCT FROM OLD.heard_about AND NEW.household_id = OLD.household_id
     AND NEW.agency_id = OLD.agency_id AND NEW.hub_id IS NOT DISTINCT FROM OLD.hub_id
     AND NEW.preferred_council_id IS NOT DISTINCT FROM OLD.preferred_council_id
     AND NEW.home_council_id IS NOT DISTINCT FROM OLD.home_council_id THEN
    RETURN NULL; -- a stage move: the stage event's own trigger marks what it changes
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM mark_metric_day(OLD.agency_id, OLD.received_at);
    PERFORM mark_enquiry_metric_days(OLD.agency_id, OLD.id);
    IF OLD.hub_id IS NOT NULL AND OLD.hub_id <> OLD.agency_id THEN
      PERFORM mark_metric_day(OLD.hub_id, OLD.received_at);
      PERFORM mark_enquiry_metric_days(OLD.hub_id, OLD.id);
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM mark_metric_day(NEW.agency_id, NEW.received_at);
    IF NEW.hub_id IS NOT NULL AND NEW.hub_id <> NEW.agency_id THEN
      PERFORM mark_metric_day(NEW.hub_id, NEW.received_at);
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.agency_id <> OLD.agency_id OR NEW.hub_id IS DISTINCT FROM OLD.hub_id) THEN
    PERFORM mark_enquiry_metric_days(NEW.agency_id, NEW.id);
    IF NEW.hub_id IS NOT NULL AND NEW.hub_id <> NEW.agency_id THEN
      PERFORM mark_enquiry_metric_days(NEW.hub_id, NEW.id);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stage_events_mark_metrics() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ev stage_events%ROWTYPE;
  received timestamptz;
  hub uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN ev := OLD; ELSE ev := NEW; END IF;
  PERFORM mark_metric_day(ev.agency_id, ev.at);
  -- The enquiry's cohort (the day it was received) has reached a new stage.
  SELECT received_at, hub_id INTO received, hub FROM enquiries WHERE id = ev.enquiry_id;
  IF (received AT TIME ZONE 'Europe/London')::date <> (ev.at AT TIME ZONE 'Europe/London')::date THEN
    PERFORM mark_metric_day(ev.agency_id, received);
  END IF;
  IF hub IS NOT NULL AND hub <> ev.agency_id THEN
    PERFORM mark_metric_day(hub, ev.at);
    PERFORM mark_metric_day(hub, received);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION mark_booking_metric_day(agency uuid, enquiry uuid, event uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO metric_dirty_days (agency_id, day)
  SELECT a.agency_id, (e.starts_at AT TIME ZONE 'Europe/London')::date
  FROM events e
    CROSS JOIN (
      SELECT agency AS agency_id
      UNION SELECT hub_id FROM enquiries WHERE id = enquiry
    ) a
  WHERE e.id = event AND e.starts_at IS NOT NULL AND a.agency_id IS NOT NULL;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION event_bookings_mark_metrics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.attended IS NOT DISTINCT FROM OLD.attended
     AND NEW.enquiry_id = OLD.enquiry_id AND NEW.event_id = OLD.event_id
     AND NEW.agency_id = OLD.agency_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.attended THEN
    PERFORM mark_booking_metric_day(OLD.agency_id, OLD.enquiry_id, OLD.event_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.attended THEN
    PERFORM mark_booking_metric_day(NEW.agency_id, NEW.enquiry_id, NEW.event_id);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION events_mark_metrics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.starts_at IS DISTINCT FROM OLD.starts_at OR NEW.kind <> OLD.kind
      OR NEW.cancelled_at IS DISTINCT FROM OLD.cancelled_at)
     AND EXISTS (SELECT 1 FROM event_bookings WHERE event_id = NEW.id AND attended) THEN
    PERFORM mark_metric_day(OLD.agency_id, OLD.starts_at);
    PERFORM mark_metric_day(NEW.agency_id, NEW.starts_at);
    INSERT INTO metric_dirty_days (agency_id, day)
    SELECT DISTINCT a.agency_id, (t.at AT TIME ZONE 'Europe/London')::date
    FROM event_bookings b
      JOIN enquiries q ON q.id = b.enquiry_id
      CROSS JOIN LATERAL (VALUES (b.agency_id), (q.hub_id)) a(agency_id)
      CROSS JOIN (VALUES (OLD.starts_at), (NEW.starts_at)) t(at)
    WHERE b.event_id = NEW.id AND b.attended AND a.agency_id IS NOT NULL AND t.at IS NOT NULL;
  END IF;
  RETURN NULL;
END;
$$;

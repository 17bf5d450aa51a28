ALTER TABLE "stage_events" ADD COLUMN "previous_at" timestamp with time zone;--> statement-breakpoint
-- Backfill: each event's predecessor in its enquiry's history, in (at, id) order as reports read it.
-- The append-only guard is off for this one statement of the migration only.
ALTER TABLE "stage_events" DISABLE TRIGGER stage_events_append_only;--> statement-breakpoint
UPDATE stage_events s SET previous_at = o.prev
FROM (SELECT id, lag(at) OVER (PARTITION BY enquiry_id ORDER BY at, id) AS prev FROM stage_events) o
WHERE s.id = o.id AND o.prev IS NOT NULL;--> statement-breakpoint
ALTER TABLE "stage_events" ENABLE TRIGGER stage_events_append_only;--> statement-breakpoint
-- Kept right by the database, whoever writes events (the pipeline, imports, the demo, a rollback):
-- an appended event takes the time of the latest before it; when an insert or a delete lands inside
-- a history (a late entry, an import's rows in any order, a rollback), the events after it are
-- repaired and their days marked for the roll-ups, since their time in stage changed.
CREATE FUNCTION stage_events_previous_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.previous_at := (
    SELECT p.at FROM stage_events p
    WHERE p.enquiry_id = NEW.enquiry_id AND (p.at, p.id) < (NEW.at, NEW.id)
    ORDER BY p.at DESC, p.id DESC LIMIT 1);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stage_events_previous_at BEFORE INSERT ON stage_events
  FOR EACH ROW EXECUTE FUNCTION stage_events_previous_at();
--> statement-breakpoint
CREATE FUNCTION stage_events_repair_previous_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('crm.stage_event_order', 'on', true);
  -- Only histories where a changed row has an event after it can be out of step; appends are not.
  WITH out_of_step AS (
    SELECT DISTINCT c.enquiry_id FROM changed c
    WHERE EXISTS (SELECT 1 FROM stage_events s WHERE s.enquiry_id = c.enquiry_id AND (s.at, s.id) > (c.at, c.id))
  ), ordered AS (
    SELECT e.id, lag(e.at) OVER (PARTITION BY e.enquiry_id ORDER BY e.at, e.id) AS prev
    FROM stage_events e WHERE e.enquiry_id IN (SELECT enquiry_id FROM out_of_step)
  ), repaired AS (
    UPDATE stage_events s SET previous_at = o.prev FROM ordered o
    WHERE s.id = o.id AND s.previous_at IS DISTINCT FROM o.prev
    RETURNING s.agency_id, s.at
  )
  INSERT INTO metric_dirty_days (agency_id, day)
  SELECT DISTINCT agency_id, (at AT TIME ZONE 'Europe/London')::date FROM repaired;
  PERFORM set_config('crm.stage_event_order', '', true);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stage_events_repair_after_insert AFTER INSERT ON stage_events
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stage_events_repair_previous_at();
--> statement-breakpoint
CREATE TRIGGER stage_events_repair_after_delete AFTER DELETE ON stage_events
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stage_events_repair_previous_at();
--> statement-breakpoint
-- Stage events stay append-only (erasure, an import's rollback as in 0010, a hand-off as in 0020). The
-- one update added is the repair above changing previous_at alone, while it runs.
CREATE OR REPLACE FUNCTION stage_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('crm.erasure', true) = 'on' THEN
    RETURN COALESCE(NEW, OLD);
  END IF;
  IF TG_OP = 'DELETE' AND OLD.import_batch_id IS NOT NULL
     AND OLD.import_batch_id::text = current_setting('crm.import_rollback', true) THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.enquiry_id::text = current_setting('crm.handoff', true)
     AND (to_jsonb(NEW) - 'agency_id') = (to_jsonb(OLD) - 'agency_id') THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND current_setting('crm.stage_event_order', true) = 'on'
     AND to_jsonb(NEW) - 'previous_at' = to_jsonb(OLD) - 'previous_at' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'stage_events is append-only: record a new event instead of changing history';
END;
$$;

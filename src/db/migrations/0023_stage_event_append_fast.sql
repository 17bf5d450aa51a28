-- Issue 19 (written by hand). The repair of previous_at (0018) ran its search for out-of-step
-- histories after every insert into stage_events, although nearly every insert appends an event
-- at the end of its enquiry's history, which needs no repair: a fifth of a new enquiry's cost on
-- the embedded database. The row trigger that sets previous_at now also notes, for this
-- transaction, when a row lands before an existing event of its history (the only case the repair
-- has work for); the statement trigger returns at once when no row did. Deletes repair as before.
CREATE OR REPLACE FUNCTION stage_events_previous_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.previous_at := (
    SELECT p.at FROM stage_events p
    WHERE p.enquiry_id = NEW.enquiry_id AND (p.at, p.id) < (NEW.at, NEW.id)
    ORDER BY p.at DESC, p.id DESC LIMIT 1);
  IF EXISTS (SELECT 1 FROM stage_events s WHERE s.enquiry_id = NEW.enquiry_id AND (s.at, s.id) > (NEW.at, NEW.id)) THEN
    PERFORM set_config('crm.stage_event_inserted_inside', 'on', true);
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stage_events_repair_previous_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF coalesce(current_setting('crm.stage_event_inserted_inside', true), '') <> 'on' THEN
      RETURN NULL; -- only appends: every previous_at was right when its row was written
    END IF;
    PERFORM set_config('crm.stage_event_inserted_inside', '', true);
  END IF;
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

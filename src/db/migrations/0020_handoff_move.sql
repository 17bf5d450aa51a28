-- Hand-off (issue 17): when a member council accepts a household from its hub, every row of the
-- household moves to the council's agency, stage events included, in one transaction. Stage events
-- stay append-only; this adds one narrow escape beside erasure and import rollback: the hand-off sets
-- crm.handoff, for its own transaction only (set_config(..., true)), to the enquiry's id, and may then
-- change that enquiry's events' agency_id and nothing else (every other column must stay as it was,
-- so the history keeps its dates, stages, reasons and authors).
-- Keeps migration 0018's escape for the previous_at repair (it runs before this one).
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

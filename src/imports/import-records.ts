import { randomUUID } from 'node:crypto';
import { londonDateTime } from '../calendar/dates.ts';
import { normalisePostcode, personKeys } from '../shared/identity.ts';
import { consentChannels } from '../privacy/consents.table.ts';
import type { PlannedEvent, PlannedHousehold } from './import-types.ts';
import type { ImportRecords } from './import-records.repo.ts';

const MINUTE = 60_000;

/** Midday London time on a day; remembered, as a file has many rows per day and this is costly. */
const middays = new Map<string, number>();
function middayOf(day: string): Date {
  let at = middays.get(day);
  if (at === undefined) {
    at = londonDateTime(day, '12:00').getTime();
    if (middays.size > 20_000) middays.clear();
    middays.set(day, at);
  }
  return new Date(at);
}

/** The wording stored with a consent the file states (issue 14). */
export const importedConsentWording = (fileName: string) =>
  `Imported from ${fileName}, as recorded by the service`;

export const filledEventNote =
  'Imported: the file gave no date for this step, so it is dated on the next date the file gives.';

/**
 * When a dated step of the file happened: midday London time on that day, as the app records a
 * date typed without a time (pipeline/event-time.ts). Later steps on the same day follow a minute
 * apart, so the history keeps the file's order whatever order the rows are read back in. Never
 * after `now` (a step dated today, imported in the morning): then now, or the step before it.
 */
export function eventTimes(events: readonly PlannedEvent[], now = new Date()): Date[] {
  const times: Date[] = [];
  events.forEach((event, i) => {
    const midday = middayOf(event.on);
    const previous = times[i - 1];
    const wanted = previous && previous >= midday ? new Date(previous.getTime() + MINUTE) : midday;
    times.push(wanted <= now ? wanted : previous && previous > now ? previous : now);
  });
  return times;
}

export interface RecordContext {
  agencyId: string;
  batchId: string;
  userId: string | null;
  fileName: string;
  /** When first contact was due for an enquiry received then (enquiries/first-contact.ts). */
  firstContactDue: (receivedAt: Date) => Date;
  /** The household's postcode is in the council's area (households.service inAreaOf). */
  inArea: (postcode: string) => boolean | null;
  now: Date;
}

/**
 * The rows that record one chunk of planned households, every one tagged with the batch.
 *
 * - The enquiry is received on the first event's day, at the stage of the last event since its
 *   time, `created_via` 'import'. It counts as contacted on the day it was received
 *   (`first_contacted_at`): the file is the service's own record of dealing with the household,
 *   and an old row must not raise a "first contact overdue" alert. Rows still at "Enquiry" are
 *   flagged so (first_contact_assumed) in the report.
 * - Stage events keep their own dates and are recorded by the importing user.
 * - Consent only for the channels the file states, on the first applicant, with the wording
 *   "Imported from <file>, as recorded by the service", dated when imported (the file does not
 *   say when it was given).
 * - The file's notes become one note on the enquiry.
 */
export function recordsOf(planned: readonly PlannedHousehold[], ctx: RecordContext): ImportRecords {
  const records: ImportRecords = {
    households: [],
    people: [],
    enquiries: [],
    stage_events: [],
    consents: [],
    notes: [],
  };
  const tag = { agency_id: ctx.agencyId, import_batch_id: ctx.batchId };
  for (const plan of planned) {
    const householdId = randomUUID();
    const enquiryId = randomUUID();
    const postcode = normalisePostcode(plan.postcode) ?? plan.postcode;
    records.households.push({ ...tag, id: householdId, postcode, in_area: ctx.inArea(postcode) });
    const personIds = plan.applicants.map(() => randomUUID());
    plan.applicants.forEach((a, i) => records.people.push(personRow(a, i, personIds[i]!, householdId, tag)));
    const times = eventTimes(plan.events, ctx.now);
    const receivedAt = times[0]!;
    const last = plan.events.length - 1;
    records.enquiries.push({
      ...tag,
      id: enquiryId,
      household_id: householdId,
      received_at: receivedAt,
      channel: plan.channel,
      route: plan.route,
      campaign_code: plan.campaignCode ?? null,
      stage: plan.events[last]!.stage,
      stage_since: times[last]!,
      version: plan.events.length,
      first_contact_due_at: ctx.firstContactDue(receivedAt),
      first_contacted_at: receivedAt,
      created_via: 'import',
      created_by: ctx.userId,
    });
    plan.events.forEach((event, i) =>
      records.stage_events.push({
        ...tag,
        enquiry_id: enquiryId,
        from_stage: i === 0 ? null : plan.events[i - 1]!.stage,
        stage: event.stage,
        at: times[i]!,
        reason: event.reason ?? null,
        note: event.filled ? filledEventNote : null,
        recorded_by: ctx.userId,
      }),
    );
    for (const channel of consentChannels) {
      const granted = plan.consent[channel];
      if (granted === undefined || !personIds[0]) continue;
      records.consents.push({
        ...tag,
        person_id: personIds[0],
        channel,
        granted,
        wording: importedConsentWording(ctx.fileName),
        source: 'import',
        recorded_by: ctx.userId,
      });
    }
    if (plan.notes)
      records.notes.push({ ...tag, enquiry_id: enquiryId, body: plan.notes, author_id: ctx.userId });
  }
  return records;
}

/** An applicant's row, with the identity keys made from it (shared/identity.ts, the only way keys are made). */
function personRow(
  a: PlannedHousehold['applicants'][number],
  i: number,
  id: string,
  householdId: string,
  tag: { agency_id: string; import_batch_id: string },
) {
  const keys = personKeys(a);
  return {
    ...tag,
    id,
    household_id: householdId,
    kind: 'applicant',
    position: i + 1,
    first_name: a.firstName,
    last_name: a.lastName,
    email: a.email ?? null,
    phone: a.phone ?? null,
    email_key: keys.emailKey,
    phone_e164: keys.phoneE164,
    last_name_key: keys.lastNameKey,
    name_key: keys.nameKey,
  };
}

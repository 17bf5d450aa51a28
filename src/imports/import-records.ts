import { randomUUID } from 'node:crypto';
import { londonDateTime } from '../calendar/dates.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';
import { firstContactDue } from '../enquiries/first-contact.ts';
import { normalisePostcode } from '../shared/identity.ts';
import { consentChannels } from '../privacy/consents.table.ts';
import type { PlannedEvent, PlannedHousehold } from './import-types.ts';
import type { ImportRecords } from './import-records.repo.ts';

const MINUTE = 60_000;

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
    const midday = londonDateTime(event.on, '12:00');
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
  calendar: WorkingDayCalendar;
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
 *   "Imported from <file>, as recorded by the service".
 * - The file's notes become one note on the enquiry.
 */
export function recordsOf(planned: readonly PlannedHousehold[], ctx: RecordContext): ImportRecords {
  const records: ImportRecords = {
    households: [],
    people: [],
    enquiries: [],
    stageEvents: [],
    consents: [],
    notes: [],
  };
  const tag = { agencyId: ctx.agencyId, importBatchId: ctx.batchId };
  for (const plan of planned) {
    const householdId = randomUUID();
    const enquiryId = randomUUID();
    const postcode = normalisePostcode(plan.postcode) ?? plan.postcode;
    records.households.push({ ...tag, id: householdId, postcode, inArea: ctx.inArea(postcode) });
    const personIds = plan.applicants.map(() => randomUUID());
    plan.applicants.forEach((a, i) =>
      records.people.push({
        ...tag,
        id: personIds[i],
        householdId,
        kind: 'applicant',
        position: i + 1,
        firstName: a.firstName,
        lastName: a.lastName,
        email: a.email ?? null,
        phone: a.phone ?? null,
      }),
    );
    const times = eventTimes(plan.events, ctx.now);
    const receivedAt = times[0]!;
    const last = plan.events.length - 1;
    records.enquiries.push({
      ...tag,
      id: enquiryId,
      householdId,
      receivedAt,
      channel: plan.channel,
      route: plan.route,
      campaignCode: plan.campaignCode ?? null,
      stage: plan.events[last]!.stage,
      stageSince: times[last]!,
      version: plan.events.length,
      firstContactDueAt: firstContactDue(receivedAt, ctx.calendar),
      firstContactedAt: receivedAt,
      createdVia: 'import',
      createdBy: ctx.userId,
    });
    plan.events.forEach((event, i) =>
      records.stageEvents.push({
        ...tag,
        enquiryId,
        fromStage: i === 0 ? null : plan.events[i - 1]!.stage,
        stage: event.stage,
        at: times[i]!,
        reason: event.reason ?? null,
        note: event.filled ? filledEventNote : null,
        recordedBy: ctx.userId,
      }),
    );
    for (const channel of consentChannels) {
      const granted = plan.consent[channel];
      if (granted === undefined || !personIds[0]) continue;
      records.consents.push({
        ...tag,
        personId: personIds[0],
        channel,
        granted,
        wording: importedConsentWording(ctx.fileName),
        source: 'import',
        recordedBy: ctx.userId,
      });
    }
    if (plan.notes) records.notes.push({ ...tag, enquiryId, body: plan.notes, authorId: ctx.userId });
  }
  return records;
}

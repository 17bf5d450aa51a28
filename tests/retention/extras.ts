import { sql } from 'drizzle-orm';
import { recordAudit } from '../../src/audit/audit.service.ts';
import { addDays, londonDate } from '../../src/calendar/dates.ts';
import type { Db } from '../../src/db/db-type.ts';
import { rows } from '../../src/db/rows.ts';
import { recordContactAttempt } from '../../src/enquiries/activity.service.ts';
import { ContactAttempt } from '../../src/enquiries/enquiries.schema.ts';
import { upsertSavedView } from '../../src/enquiries/saved-views.repo.ts';
import { eventBookings, events } from '../../src/events/events.table.ts';
import { idempotencyKeys, submissionTokens } from '../../src/idempotency/idempotency.table.ts';
import { queueMessage } from '../../src/messages/outbox.service.ts';
import { panels } from '../../src/panels/panels.table.ts';
import { upsertEqualityAnswers } from '../../src/privacy/equality.repo.ts';
import { insertHeldSubmission } from '../../src/public/held-submissions.repo.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { parse } from '../../src/shared/validation.ts';
import { dataRequests } from '../../src/subject-access/data-requests.table.ts';
import type { Planted } from './history.ts';

const noonOf = (date: string) => new Date(`${date}T12:00:00Z`);

/**
 * Everything else a household leaves behind, planted the way each feature writes it (or, where a
 * feature writes only in the present, such as bookings on past sessions, as its rows): a contact
 * attempt and a panel note naming them, an outbox email with their address and name, a booking and
 * attendance at a past session, equality answers, an audit entry holding their email (as an older
 * release wrote them), a saved search for their surname, a held submission from them, a stored API
 * replay and a form replay naming them.
 */
export async function plantExtras(db: Db, actor: Actor & { userId: string }, p: Planted) {
  const [enquiry] = await rows<{ receivedAt: string; personId: string }>(
    db,
    sql`select to_char(e.received_at at time zone 'Europe/London', 'YYYY-MM-DD') as "receivedAt", p.id as "personId"
        from enquiries e join people p on p.household_id = e.household_id and p.kind = 'applicant'
        where e.id = ${p.enquiryId}`,
  );
  const received = enquiry!.receivedAt;
  const fullName = `${p.firstName} ${p.lastName}`;
  await recordContactAttempt(
    db,
    actor,
    p.enquiryId,
    parse(ContactAttempt, {
      at: `${addDays(received, 1)}T10:00:00Z`,
      method: 'phone',
      outcome: 'reached',
      note: `Spoke to ${fullName} on ${p.phone}`,
    }),
  );
  await queueMessage(db, {
    agencyId: actor.agencyId,
    enquiryId: p.enquiryId,
    personId: enquiry!.personId,
    to: p.email,
    trigger: 'retention_test',
    purpose: 'service',
    idempotencyKey: `retention-test:${p.enquiryId}`,
    subject: `Hello ${p.firstName}`,
    text: `Dear ${fullName}, we will call you on ${p.phone}.`,
    html: `<p>Dear ${fullName}, we will call you on ${p.phone}.</p>`,
  });
  const [session] = await db
    .insert(events)
    .values({
      agencyId: actor.agencyId,
      kind: 'information_session',
      title: 'Information session',
      startsAt: noonOf(addDays(received, 3)),
      online: true,
    })
    .returning();
  await db.insert(eventBookings).values({
    agencyId: actor.agencyId,
    eventId: session!.id,
    enquiryId: p.enquiryId,
    status: 'booked',
    attended: true,
    bookedAt: noonOf(addDays(received, 1)),
    attendanceRecordedAt: noonOf(addDays(received, 3)),
    source: 'staff',
  });
  await upsertEqualityAnswers(db, actor.agencyId, enquiry!.personId, {
    ethnicity: 'white_british',
    sex: 'female',
  });
  await recordAudit(db, actor, {
    action: 'person.updated',
    entityType: 'person',
    entityId: enquiry!.personId,
    changes: { email: { from: null, to: p.email }, phone: { from: null, to: p.phone } },
  });
  await upsertSavedView(db, {
    agencyId: actor.agencyId,
    userId: actor.userId,
    name: `Looking for ${p.lastName}`,
    query: new URLSearchParams({ q: p.lastName }).toString(),
  });
  await insertHeldSubmission(db, {
    agencyId: actor.agencyId,
    receivedAt: noonOf(received),
    reason: 'too_fast',
    input: {
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      phone: p.phone,
      postcode: 'NR1 3QU',
    },
  });
  await db.insert(idempotencyKeys).values({
    userId: actor.userId,
    key: `retention-${p.enquiryId}`,
    requestHash: 'x',
    state: 'done',
    responseStatus: 201,
    responseBody: {
      id: p.enquiryId,
      applicants: [{ firstName: p.firstName, lastName: p.lastName, email: p.email }],
    },
  });
  await db.insert(submissionTokens).values({
    scope: 'retention-test',
    token: p.enquiryId,
    requestHash: 'x',
    state: 'done',
    responseStatus: 303,
    location: `/enquiries/${p.enquiryId}`,
  });
  // A subject access request they made: the register keeps the requester's details while it is open.
  await db.insert(dataRequests).values({
    agencyId: actor.agencyId,
    householdId: p.householdId,
    kind: 'subject_access',
    requester: { name: fullName, email: p.email, phone: p.phone },
    receivedOn: londonDate(noonOf(addDays(received, 40))),
    dueOn: londonDate(noonOf(addDays(received, 70))),
    status: 'completed',
    outcome: `Pack sent to ${p.email}`,
  });
  await db.insert(panels).values({
    agencyId: actor.agencyId,
    meetsOn: londonDate(noonOf(addDays(received, 30))),
    notes: `${fullName} discussed; references from ${p.email} chased.`,
  });
}

/**
 * Demo data for the online references and preparation training (issue 18 §2, §3), kept apart from
 * the checklist's demo (demo-checks.ts), which it follows: some referees sent their form 5, 10 and
 * 16 days ago (so the reminders show), one answered online; a preparation course held six weeks
 * ago that the oldest households came to, and one to come with a place booked. Referees' addresses
 * are @example.com, which never delivers.
 */
import { enquiriesInAssessment } from '../assessment-checks/assessment-checks.repo.ts';
import type { Db } from '../db/client.ts';
import { recordAttendance } from '../events/bookings.service.ts';
import { insertBooking } from '../events/events.repo.ts';
import { createEvent } from '../events/events.service.ts';
import { writeReferenceReminders } from '../references/reference-reminders.service.ts';
import { referenceItemsOf } from '../references/references.repo.ts';
import { referenceToken, submitReference, writeReferenceRequest } from '../references/references.service.ts';
import type { Actor } from '../shared/actor.ts';

const DAY = 86_400_000;
const SENT_DAYS_AGO = [16, 10, 5, 3];

const course = (title: string, startsAt: Date) => ({
  kind: 'preparation_training' as const,
  title,
  startsAt,
  endsAt: new Date(startsAt.getTime() + 6 * 3_600_000),
  candidateDates: [],
  online: false,
  venue: 'County Hall, Training Room 2',
  joiningLink: null,
  capacity: 12,
  campaignCode: null,
  description: 'Skills to Foster: three days of preparation for households in assessment.',
  staffIds: [],
});

export async function seedDemoReferences(db: Db, publicUrl: string, actor: Actor, now = new Date()) {
  const households = await enquiriesInAssessment(db, actor.agencyId);
  let sent = 0;
  for (const household of households) {
    if (sent >= SENT_DAYS_AGO.length) break;
    const waiting = (await referenceItemsOf(db, actor.agencyId, household.id)).find(
      (r) => r.refereeEmail && !r.receivedOn && !r.linkSentAt && r.outcome === null,
    );
    if (!waiting) continue;
    const sentAt = new Date(now.getTime() - SENT_DAYS_AGO[sent]! * DAY);
    await writeReferenceRequest(
      db,
      publicUrl,
      actor,
      { enquiryId: household.id, checkId: waiting.id },
      sentAt,
    );
    if (sent === SENT_DAYS_AGO.length - 1) {
      const rounded = new Date(Math.floor(sentAt.getTime() / 1000) * 1000);
      await submitReference(db, await referenceToken(db, waiting.id, rounded), demoAnswers, now);
    }
    sent += 1;
  }
  await writeReferenceReminders(db, publicUrl, now);

  const held = await createEvent(
    db,
    actor,
    course('Skills to Foster (spring course)', new Date(now.getTime() - 42 * DAY)),
  );
  const coming = await createEvent(
    db,
    actor,
    course('Skills to Foster (next course)', new Date(now.getTime() + 20 * DAY)),
  );
  for (const [index, household] of households.entries()) {
    if (index < 2) await recordAttendance(db, actor, held.id, household.id, true);
    else if (index === 2)
      await insertBooking(db, {
        agencyId: actor.agencyId,
        eventId: coming.id,
        enquiryId: household.id,
        status: 'booked',
        source: 'staff',
        bookedAt: now,
      });
  }
}

const demoAnswers = {
  howLong: 'About 9 years',
  howKnown: 'We met when our children started at the same primary school and have been friends since.',
  withChildren: 'They often look after my two, and they are patient, playful and firm when they need to be.',
  suitability: 'Yes. They are warm, calm and reliable, and they talk about children with real understanding.',
  concerns: 'no',
  declaredName: 'Demo Referee',
  declaration: 'confirmed',
};

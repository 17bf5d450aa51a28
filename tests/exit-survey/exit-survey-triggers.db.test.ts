import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordContactAttempt } from '../../src/enquiries/activity.service.ts';
import { ContactAttempt } from '../../src/enquiries/enquiries.schema.ts';
import { exitSurveys } from '../../src/exit-survey/exit-survey.table.ts';
import { surveyToken, writeExitSurveys } from '../../src/exit-survey/exit-survey.service.ts';
import { answerSurvey } from '../../src/exit-survey/exit-survey-answers.service.ts';
import { anonymiseHouseholds } from '../../src/retention/anonymise.service.ts';
import { dropOutReasons } from '../../src/exit-survey/drop-out.service.ts';
import { financialYearOf, londonToday } from '../../src/calendar/dates.ts';
import { setEmailOptOut } from '../../src/households/households.repo.ts';
import { people } from '../../src/households/households.table.ts';
import { enquiries } from '../../src/enquiries/enquiries.table.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { stageEvents } from '../../src/pipeline/stage-events.table.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeEnquiry } from '../factories.ts';
import { useDbContext } from '../helpers/db-context.ts';

const PUBLIC_URL = 'https://fostering.example.gov.uk';
const DAY = 86_400_000;

/**
 * When the "why did you stop?" survey is written (issue 16 §4): on closing as a withdrawal or for
 * no response, and after 90 quiet days; once per spell; never to the opted-out, the
 * service's own decisions or a household with no email. On PostgreSQL and PGlite.
 */
describe('exit survey triggers', () => {
  const ctx = useDbContext();
  const db = () => ctx().database.db;
  const move = (id: string, body: Record<string, unknown>) =>
    transition(db(), ctx().officer, id, parse(Transition, body));
  const contact = (id: string, at?: string) =>
    recordContactAttempt(
      db(),
      ctx().officer,
      id,
      parse(ContactAttempt, { method: 'phone', outcome: 'no_answer', at }),
    );
  const sweep = (now?: Date) => writeExitSurveys(db(), PUBLIC_URL, now);
  const surveysOf = (enquiryId: string) =>
    db().select().from(exitSurveys).where(eq(exitSurveys.enquiryId, enquiryId));
  const surveyEmails = (enquiryId: string) =>
    db()
      .select()
      .from(messages)
      .where(and(eq(messages.enquiryId, enquiryId), eq(messages.trigger, 'exit_survey')));

  it('asks a household that withdrew, once however often the sweep runs, with a signed link valid for 60 days', async () => {
    const enquiry = await makeEnquiry(db(), ctx().agencyId);
    await move(enquiry.id, { to: 'initial_visit' });
    await move(enquiry.id, { to: 'closed', reason: 'AW4' });
    const now = new Date();
    await sweep(now);
    await sweep(now);

    const [survey, ...more] = await surveysOf(enquiry.id);
    expect(more).toEqual([]);
    expect(survey).toMatchObject({ trigger: 'closed', stage: 'initial_visit' });
    const [closing] = await db()
      .select()
      .from(stageEvents)
      .where(and(eq(stageEvents.enquiryId, enquiry.id), eq(stageEvents.stage, 'closed')));
    expect(survey!.closeEventId).toBe(closing!.id);
    expect(survey!.expiresAt.getTime() - now.getTime()).toBe(60 * DAY);

    const emails = await surveyEmails(enquiry.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.purpose).toBe('follow_up');
    expect(survey!.messageId).toBe(emails[0]!.id);
    expect(emails[0]!.bodyText).toMatch(
      new RegExp(`${PUBLIC_URL}/survey/${survey!.id}\\.[A-Za-z0-9_-]{32}\\b`),
    );
    expect(emails[0]!.bodyHtml).toContain(`href="${PUBLIC_URL}/survey/${survey!.id}.`);
  });

  it('asks after no response, but never after the service’s own decision', async () => {
    const quietOne = await makeEnquiry(db(), ctx().agencyId);
    await contact(quietOne.id);
    await contact(quietOne.id);
    await move(quietOne.id, { to: 'closed', reason: 'no_response' });
    const turnedDown = await makeEnquiry(db(), ctx().agencyId);
    await move(turnedDown.id, { to: 'initial_visit' });
    await move(turnedDown.id, { to: 'closed', reason: 'not_suitable' });
    await sweep();
    expect(await surveyEmails(quietOne.id)).toHaveLength(1);
    expect(await surveysOf(turnedDown.id)).toEqual([]);
    expect(await surveyEmails(turnedDown.id)).toEqual([]);
  });

  it('writes nothing to a household that unsubscribed or gave no email address', async () => {
    const optedOut = await makeEnquiry(db(), ctx().agencyId);
    const [person] = await db().select().from(people).where(eq(people.householdId, optedOut.householdId));
    await setEmailOptOut(db(), person!.id, new Date());
    await move(optedOut.id, { to: 'closed', reason: 'AW1' });
    const phoneOnly = await makeEnquiry(db(), ctx().agencyId, {
      applicants: [{ firstName: 'Ola', lastName: `Phone${Date.now()}`, phone: '07700 900123' }],
    });
    await move(phoneOnly.id, { to: 'closed', reason: 'AW1' });
    await sweep();
    expect(await surveysOf(optedOut.id)).toEqual([]);
    expect(await surveyEmails(optedOut.id)).toEqual([]);
    expect(await surveysOf(phoneOnly.id)).toEqual([]);
  });

  it('never asks about imported history', async () => {
    const imported = await makeEnquiry(db(), ctx().agencyId);
    // As the tracker import records it (created_via 'import'); then closed as a withdrawal.
    await db().update(enquiries).set({ createdVia: 'import' }).where(eq(enquiries.id, imported.id));
    await move(imported.id, { to: 'closed', reason: 'AW1' });
    await sweep();
    expect(await surveysOf(imported.id)).toEqual([]);
  });

  it('asks again only after a reopening: a new spell', async () => {
    const enquiry = await makeEnquiry(db(), ctx().agencyId);
    await move(enquiry.id, { to: 'closed', reason: 'AW3' });
    await sweep();
    await move(enquiry.id, { to: 'enquiry' });
    await sweep();
    expect(await surveyEmails(enquiry.id)).toHaveLength(1);
    await move(enquiry.id, { to: 'closed', reason: 'AW2' });
    await sweep();
    await sweep();
    expect(await surveyEmails(enquiry.id)).toHaveLength(2);
  });

  it('asks a household quiet for exactly 90 days, not a second earlier, and not again when it closes', async () => {
    // Received 1 June 2026 at 10:00 London (09:00 UTC); 1 June + 90 days = 30 August (29 + 31 + 30).
    const enquiry = await makeEnquiry(db(), ctx().agencyId, { receivedAt: '2026-06-01T09:00:00Z' });
    await sweep(new Date('2026-08-30T08:59:59Z'));
    expect(await surveysOf(enquiry.id)).toEqual([]);
    await sweep(new Date('2026-08-30T09:00:00Z'));
    await sweep(new Date('2026-08-30T09:15:00Z'));
    const [survey, ...more] = await surveysOf(enquiry.id);
    expect(more).toEqual([]);
    expect(survey).toMatchObject({ trigger: 'quiet', stage: 'enquiry', closeEventId: null });
    expect(survey!.expiresAt.toISOString()).toBe('2026-10-29T09:00:00.000Z'); // 30 Aug + 60 days
    expect(await surveyEmails(enquiry.id)).toHaveLength(1);

    // Closing later (a withdrawal) links the closing to the same answer; no second email.
    await move(enquiry.id, { to: 'closed', reason: 'AW0' });
    await sweep();
    expect(await surveyEmails(enquiry.id)).toHaveLength(1);
    const [linked] = await surveysOf(enquiry.id);
    expect(linked!.closeEventId).not.toBeNull();
  });

  it('counts a contact attempt as activity, and does not ask households quiet far past 90 days all at once', async () => {
    // Contact on 11 June 2026: 11 June + 90 days = 9 September (19 + 31 + 31 + 9).
    const contacted = await makeEnquiry(db(), ctx().agencyId, { receivedAt: '2026-06-01T09:00:00Z' });
    await contact(contacted.id, '2026-06-11T09:00:00Z');
    // Received 1 May: on 30 August it has been quiet for 121 days, past the 104-day window.
    const longQuiet = await makeEnquiry(db(), ctx().agencyId, { receivedAt: '2026-05-01T09:00:00Z' });
    await sweep(new Date('2026-08-30T09:00:00Z'));
    expect(await surveysOf(contacted.id)).toEqual([]);
    expect(await surveysOf(longQuiet.id)).toEqual([]);
    await sweep(new Date('2026-09-09T08:59:00Z'));
    expect(await surveysOf(contacted.id)).toEqual([]);
    await sweep(new Date('2026-09-09T09:00:00Z'));
    expect(await surveysOf(contacted.id)).toHaveLength(1);
    expect(await surveysOf(longQuiet.id)).toEqual([]);
  });

  it('reports what was counted above by stage and campaign, on this database too', async () => {
    // Every closing in this file so far is this financial year's; one more with a campaign.
    const before = await dropOutReasons(
      db(),
      ctx().agencyId,
      { year: financialYearOf(londonToday()).startYear, route: 'all' },
      true,
    );
    const enquiry = await makeEnquiry(db(), ctx().agencyId, { campaignCode: 'BUS-26' });
    await move(enquiry.id, { to: 'initial_visit' });
    await move(enquiry.id, { to: 'application' });
    await move(enquiry.id, { to: 'closed', reason: 'AW2' });
    const after = await dropOutReasons(
      db(),
      ctx().agencyId,
      { year: financialYearOf(londonToday()).startYear, route: 'all' },
      true,
    );
    expect(after.total).toBe(before.total + 1);
    const application = (r: typeof after) => r.byStage.find((s) => s.key === 'application')!;
    expect(application(after).counts.AW2).toBe((application(before).counts.AW2 ?? 0) + 1);
    expect(after.byCampaign.find((c) => c.key === 'BUS-26')).toMatchObject({ total: 1, counts: { AW2: 1 } });
    // The turned-down household (not_suitable) is never counted.
    expect(Object.keys(after.byStage[0]!.counts)).not.toContain('not_suitable');
  });

  it('anonymising a household removes what they wrote and keeps their choice for the figures', async () => {
    const enquiry = await makeEnquiry(db(), ctx().agencyId);
    await move(enquiry.id, { to: 'closed', reason: 'AW3' });
    await sweep();
    const [survey] = await surveysOf(enquiry.id);
    const token = await surveyToken(db(), survey!.id);
    expect(
      await answerSurvey(db(), token, { choice: 'circumstances', ownWords: 'My mum, Ann, fell ill' }),
    ).toBe('saved');
    const counts = await db().transaction((tx) =>
      anonymiseHouseholds(tx, ctx().agencyId, [enquiry.householdId], 'erasure'),
    );
    expect(counts.exitSurveyWords).toBe(1);
    expect((await surveysOf(enquiry.id))[0]).toMatchObject({ choice: 'circumstances', ownWords: null });
  });
});

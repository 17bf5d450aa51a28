import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { londonToday } from '../../src/calendar/dates.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { parse } from '../../src/shared/validation.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { writeReferenceReminders } from '../../src/references/reference-reminders.service.ts';
import {
  referenceLink,
  submitReference,
  writeReferenceRequest,
} from '../../src/references/references.service.ts';
import { anonymiseHouseholds } from '../../src/retention/anonymise.service.ts';
import { AppError } from '../../src/shared/errors.ts';
import { sha256 } from '../../src/shared/tokens.ts';
import { useDbContext } from '../helpers/db-context.ts';
import { assessingHousehold, checkRow, goodAnswers, linkIn, refereeItem } from './reference-fixtures.ts';

const PUBLIC_URL = 'https://fostering.example.gov.uk';
const DAY = 86_400_000;

/**
 * The referee's link (issue 18 §2): signed, stored only as a hash, single use, expiring after 28
 * days, dead when tampered with or replaced; and the reminders at 7 and 14 days, never twice, never
 * before day 7, never after the reference arrived. On PostgreSQL and PGlite.
 */
describe('reference links and reminders', () => {
  const ctx = useDbContext();
  const db = () => ctx().database.db;

  async function sentReference(now = new Date(), referee: Parameters<typeof refereeItem>[3] = {}) {
    const enquiry = await assessingHousehold(db(), ctx().officer, [
      { firstName: 'Sam', lastName: 'Jones', email: 'sam.jones@households.example', phone: '01632 960123' },
      { firstName: 'Alex', lastName: 'Jones' },
    ]);
    const item = await refereeItem(db(), ctx().agencyId, enquiry.id, referee);
    const messageId = await writeReferenceRequest(
      db(),
      PUBLIC_URL,
      ctx().officer,
      { enquiryId: enquiry.id, checkId: item.id },
      now,
    );
    const [email] = await db().select().from(messages).where(eq(messages.id, messageId!));
    return { enquiry, item, email: email!, token: linkIn(email!.bodyText).split('/').pop()! };
  }
  const emailsOf = (checkId: string) =>
    db()
      .select()
      .from(messages)
      .where(like(messages.idempotencyKey, `reference_%:${checkId}:%`))
      .orderBy(messages.createdAt);

  it('emails the referee a signed link whose token is stored only as its hash, and marks the item requested', async () => {
    const now = new Date();
    const { item, email, token } = await sentReference(now);
    expect(email.toAddress).toBe('jo.bloggs@referees.example');
    expect(email.trigger).toBe('reference_request');
    expect(email.personId).toBeNull();
    expect(email.purpose).toBe('service');
    expect(email.bodyText).toContain('Dear Jo Bloggs,');
    expect(email.bodyText).toContain('Sam Jones and Alex Jones have applied to foster with Test Fostering');
    // The referee is told nothing else about the household.
    expect(email.bodyText).not.toContain('sam.jones@households.example');
    expect(email.bodyText).not.toContain('01632');
    const row = await checkRow(db(), item.id);
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.status).toBe('requested');
    expect(row.requestedOn).toBe(londonToday(now));
    expect(row.tokenExpiresAt!.getTime() - row.linkSentAt!.getTime()).toBe(28 * DAY);
    expect((await referenceLink(db(), token)).state).toBe('open');
  });

  it('refuses a tampered or made-up token, saving nothing', async () => {
    const { item, token } = await sentReference();
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [flipped, token.slice(1), `${token}x`, 'not-a-token', '../../etc']) {
      expect((await referenceLink(db(), bad)).state, bad).toBe('invalid');
      expect(await submitReference(db(), bad, goodAnswers), bad).toBe('invalid');
    }
    expect((await checkRow(db(), item.id)).answers).toBeNull();
  });

  it('stores the answers once; the link cannot be used again and the first answers stay', async () => {
    const now = new Date();
    const { item, token } = await sentReference(now);
    expect(await submitReference(db(), token, goodAnswers, now)).toBe('saved');
    const row = await checkRow(db(), item.id);
    expect(row).toMatchObject({ status: 'received', receivedOn: londonToday(now) });
    expect(row.answers).toMatchObject({ howLong: '12 years', concerns: false, declaredName: 'Jo Bloggs' });
    expect(await submitReference(db(), token, { ...goodAnswers, howLong: '1 week' }, now)).toBe('submitted');
    expect(((await checkRow(db(), item.id)).answers as { howLong: string }).howLong).toBe('12 years');
    expect((await referenceLink(db(), token)).state).toBe('submitted');
  });

  it('refuses bad answers with field messages and stores nothing', async () => {
    const { item, token } = await sentReference();
    const attempt = submitReference(db(), token, { ...goodAnswers, concerns: 'yes', declaration: '' });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    const error = (await attempt.catch((e: AppError) => e)) as AppError;
    expect(error.issues.map((i) => i.path).sort()).toEqual(['concernsDetail', 'declaration']);
    expect((await checkRow(db(), item.id)).answers).toBeNull();
  });

  it('expires after 28 days: the link says so and nothing is stored', async () => {
    const sentAt = new Date(Date.now() - 29 * DAY);
    const { item, token } = await sentReference(sentAt);
    expect((await referenceLink(db(), token)).state).toBe('expired');
    expect(await submitReference(db(), token, goodAnswers)).toBe('expired');
    // One second before the end it still works.
    const justBefore = new Date(sentAt.getTime() + 28 * DAY - 1000);
    expect((await referenceLink(db(), token, justBefore)).state).toBe('open');
    expect((await checkRow(db(), item.id)).answers).toBeNull();
  });

  it('a new link replaces the old one, which stops working', async () => {
    const first = new Date(Date.now() - 3 * DAY);
    const { enquiry, item, token } = await sentReference(first);
    const id = await writeReferenceRequest(db(), PUBLIC_URL, ctx().officer, {
      enquiryId: enquiry.id,
      checkId: item.id,
    });
    const [email] = await db().select().from(messages).where(eq(messages.id, id!));
    const newToken = linkIn(email!.bodyText).split('/').pop()!;
    expect(newToken).not.toBe(token);
    expect((await referenceLink(db(), token)).state).toBe('invalid');
    expect((await referenceLink(db(), newToken)).state).toBe('open');
    expect((await checkRow(db(), item.id)).requestedOn).toBe(londonToday(first));
  });

  it('reminds on day 7 and day 14 only, once each however often the sweep runs', async () => {
    const sentAt = new Date(Date.now() - 30 * DAY); // the sweep runs at chosen moments after this
    const { item } = await sentReference(sentAt);
    const at = (days: number, hours = 0) => new Date(sentAt.getTime() + days * DAY + hours * 3_600_000);
    const reminders = async () => (await emailsOf(item.id)).filter((m) => m.trigger === 'reference_reminder');

    await writeReferenceReminders(db(), PUBLIC_URL, at(6, 23));
    expect(await reminders()).toHaveLength(0);
    await writeReferenceReminders(db(), PUBLIC_URL, at(7));
    await writeReferenceReminders(db(), PUBLIC_URL, at(7, 1));
    await writeReferenceReminders(db(), PUBLIC_URL, at(13, 23));
    expect(await reminders()).toHaveLength(1);
    await writeReferenceReminders(db(), PUBLIC_URL, at(14));
    await writeReferenceReminders(db(), PUBLIC_URL, at(14));
    await writeReferenceReminders(db(), PUBLIC_URL, at(20));
    const sent = await reminders();
    expect(sent.map((m) => m.idempotencyKey)).toEqual([
      `reference_reminder:${item.id}:${sentAt.getTime() - (sentAt.getTime() % 1000)}:7`,
      `reference_reminder:${item.id}:${sentAt.getTime() - (sentAt.getTime() % 1000)}:14`,
    ]);
    // Each reminder carries the same link as the request.
    const request = (await emailsOf(item.id)).find((m) => m.trigger === 'reference_request')!;
    expect(sent.map((m) => linkIn(m.bodyText))).toEqual([linkIn(request.bodyText), linkIn(request.bodyText)]);
    const row = await checkRow(db(), item.id);
    expect(row).toMatchObject({ status: 'chased', chaseCount: 2, lastChasedOn: londonToday(at(14)) });
    expect(row.firstReminderAt).toEqual(at(7));
    expect(row.secondReminderAt).toEqual(at(14));
  });

  it('sends no reminder once the reference has arrived, and only the latest one when the sweep was down', async () => {
    const sentAt = new Date(Date.now() - 20 * DAY);
    const answered = await sentReference(sentAt, { email: 'answered@referees.example' });
    const at = (days: number) => new Date(sentAt.getTime() + days * DAY);
    await writeReferenceReminders(db(), PUBLIC_URL, at(7));
    expect(await submitReference(db(), answered.token, goodAnswers, at(8))).toBe('saved');
    await writeReferenceReminders(db(), PUBLIC_URL, at(14));
    expect((await emailsOf(answered.item.id)).map((m) => m.trigger)).toEqual([
      'reference_request',
      'reference_reminder',
    ]);

    const late = await sentReference(sentAt, { email: 'late@referees.example' });
    await writeReferenceReminders(db(), PUBLIC_URL, at(15));
    await writeReferenceReminders(db(), PUBLIC_URL, at(16));
    const emails = await emailsOf(late.item.id);
    expect(emails.map((m) => m.trigger)).toEqual(['reference_request', 'reference_reminder']);
    expect(emails[1]!.idempotencyKey).toMatch(/:14$/);
    expect((await checkRow(db(), late.item.id)).firstReminderAt).toBeNull();
  });

  it('anonymisation destroys the referee’s name, address, answers and link; the dates stay', async () => {
    const { enquiry, item, token } = await sentReference();
    await submitReference(db(), token, goodAnswers);
    const counts = await db().transaction((tx) =>
      anonymiseHouseholds(tx, ctx().agencyId, [enquiry.householdId], 'retention'),
    );
    expect(counts.assessmentChecks).toBeGreaterThanOrEqual(1);
    const row = await checkRow(db(), item.id);
    expect(row).toMatchObject({ refereeName: null, refereeEmail: null, answers: null, tokenHash: null });
    expect(row.receivedOn).toBe(londonToday());
    const emails = await emailsOf(item.id);
    expect(emails.every((m) => !m.toAddress.includes('@') && !m.bodyText.includes('Jo Bloggs'))).toBe(true);
    expect((await referenceLink(db(), token)).state).toBe('invalid');
    const second = await db().transaction((tx) =>
      anonymiseHouseholds(tx, ctx().agencyId, [enquiry.householdId], 'retention'),
    );
    expect(second.assessmentChecks).toBe(0);
  });

  it('a household no longer being assessed gets no reminders and its link says so', async () => {
    const sentAt = new Date(Date.now() - 10 * DAY);
    const { enquiry, item, token } = await sentReference(sentAt);
    await transition(db(), ctx().officer, enquiry.id, parse(Transition, { to: 'closed', reason: 'AW3' }));
    await writeReferenceReminders(db(), PUBLIC_URL, new Date(sentAt.getTime() + 7 * DAY));
    expect((await emailsOf(item.id)).map((m) => m.trigger)).toEqual(['reference_request']);
    expect((await referenceLink(db(), token)).state).toBe('withdrawn');
    expect(await submitReference(db(), token, goodAnswers)).toBe('withdrawn');
  });
});

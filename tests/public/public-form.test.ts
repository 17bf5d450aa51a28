import { and, eq, ne, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { rows } from '../../src/db/rows.ts';
import { enquiries } from '../../src/enquiries/enquiries.table.ts';
import { equalityMonitoring } from '../../src/privacy/equality.table.ts';
import { formStartedToken } from '../../src/public/spam.ts';
import { makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';

describe('the public enquiry form', () => {
  const ctx = useTestContext();

  /** Opens the form and returns a submit function that looks like a person who took 10 seconds. */
  let visitor = 0;
  async function openForm(path = '/enquire') {
    visitor += 1;
    const browser = new Browser(ctx().baseUrl, { ip: `198.51.100.${visitor}` });
    const page = await browser.get(path);
    expect(page.status).toBe(200);
    const humanStamp = () => formStartedToken(browser.cookie('crm_csrf')!, Date.now() - 10_000);
    const submit = (fields: Record<string, string | string[]>, stamp = humanStamp()) =>
      browser.post(path.split('?')[0]!, { startedAt: stamp, website: '', ...fields });
    return { browser, page, submit };
  }

  const person = (tag: string) => ({
    firstName: 'Robin',
    lastName: tag,
    email: `${tag.toLowerCase()}@example.net`,
    postcode: 'NR3 1AA',
    transfer: 'no',
  });

  const findEnquiry = async (tag: string) => {
    const [row] = await rows<{
      id: string;
      campaign_code: string | null;
      channel: string;
      created_via: string;
      household_id: string;
      possible_duplicates: string[];
    }>(
      ctx().deps.db,
      sql`select e.id, e.campaign_code, e.channel, e.created_via, e.household_id, e.possible_duplicates from enquiries e
          join people p on p.household_id = e.household_id where p.last_name = ${tag} order by e.created_at desc limit 1`,
    );
    return row;
  };

  it('creates an enquiry with the campaign code from the link, recording consent with its wording and time', async () => {
    const tag = `Camp${Date.now()}`;
    const { page, submit } = await openForm('/enquire?campaign=Bus-Shelter-26');
    expect(page.body).toContain('name="campaign" value="Bus-Shelter-26"');
    const res = await submit({
      ...person(tag),
      campaign: 'Bus-Shelter-26',
      consent: ['email', 'post'],
      heardAbout: 'outdoor_advert',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/enquire/about-you');

    const enquiry = (await findEnquiry(tag))!;
    expect(enquiry).toMatchObject({
      campaign_code: 'BUS-SHELTER-26',
      channel: 'web_form',
      created_via: 'public_form',
    });
    const consents = await rows<{
      channel: string;
      granted: boolean;
      wording: string;
      source: string;
      recorded_at: string;
    }>(
      ctx().deps.db,
      sql`select c.channel, c.granted, c.wording, c.source, c.recorded_at::text from consents c join people p on p.id = c.person_id
          where p.last_name = ${tag} order by c.channel`,
    );
    expect(consents.map((c) => [c.channel, c.granted])).toEqual([
      ['email', true],
      ['phone', false],
      ['post', true],
      ['sms', false],
    ]);
    expect(consents[0]).toMatchObject({
      source: 'public_form',
      wording: expect.stringContaining('by email'),
    });
    expect(consents[0]!.recorded_at).toBeTruthy();
  });

  it('works without a campaign code, and for a second fostering service at its own address', async () => {
    const tag = `NoCamp${Date.now()}`;
    const { submit } = await openForm();
    await submit(person(tag));
    expect((await findEnquiry(tag))!.campaign_code).toBeNull();

    const other = await insertAgency(ctx().deps.db, { name: 'Southvale Fostering', slug: 'southvale' });
    const tag2 = `South${Date.now()}`;
    const second = await openForm('/enquire/southvale');
    expect(second.page.body).toContain('Southvale Fostering');
    const res = await second.submit(person(tag2));
    expect(res.location).toBe('/enquire/southvale/about-you');
    const [row] = await ctx()
      .deps.db.select({ agencyId: enquiries.agencyId })
      .from(enquiries)
      .where(eq(enquiries.id, (await findEnquiry(tag2))!.id));
    expect(row!.agencyId).toBe(other.id);
    expect((await new Browser(ctx().baseUrl).get('/enquire/nowhere')).status).toBe(404);
  });

  it('shows errors in plain English and keeps what was typed', async () => {
    const { submit } = await openForm();
    const res = await submit({
      firstName: 'Kept',
      lastName: '',
      email: '',
      phone: '',
      postcode: 'nope',
      message: 'Please keep this',
    });
    expect(res.status).toBe(422);
    for (const text of [
      'Enter your last name',
      'Enter an email address or a phone number',
      'Enter a real postcode',
      'Select yes if you are already an approved foster carer',
    ]) {
      expect(res.body).toContain(text);
    }
    expect(res.body).toContain('value="Kept"');
    expect(res.body).toContain('Please keep this');
  });

  // Changed by issue 12: spam signals used to discard these silently; now they are held for staff.
  it('holds plausible submissions that look automated (honeypot, missing or forged stamp, too fast) out of the pipeline', async () => {
    const count = async (table: 'enquiries' | 'held_submissions') =>
      (await rows<{ n: number }>(ctx().deps.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;
    const before = await count('enquiries');
    const heldBefore = await count('held_submissions');
    const tag = `Bot${Date.now()}`;
    const honeypot = await openForm();
    expect((await honeypot.submit({ ...person(tag), website: 'http://spam.example' })).location).toBe(
      '/enquire/thank-you',
    );
    const fast = await openForm();
    expect(
      (await fast.submit(person(tag), formStartedToken(fast.browser.cookie('crm_csrf')!, Date.now())))
        .location,
    ).toBe('/enquire/thank-you');
    const forged = await openForm();
    expect((await forged.submit(person(tag), `${Date.now() - 60_000}.forged`)).location).toBe(
      '/enquire/thank-you',
    );
    expect(await count('enquiries')).toBe(before);
    expect(await count('held_submissions')).toBe(heldBefore + 3);
  });

  it('limits how many enquiries one address can send in an hour', async () => {
    const { submit } = await openForm();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await submit({ firstName: '' })).status);
    expect(statuses.slice(0, 20).every((s) => s === 422)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('flags a likely duplicate for an officer instead of showing it to the public', async () => {
    const tag = `Twice${Date.now()}`;
    const first = await openForm();
    await first.submit(person(tag));
    const firstId = (await findEnquiry(tag))!.id;
    const second = await openForm();
    const res = await second.submit({ ...person(tag), firstName: 'Robyn' });
    expect(res.location).toBe('/enquire/about-you');
    const duplicate = (await findEnquiry(tag))!;
    expect(duplicate.id).not.toBe(firstId);
    expect(duplicate.possible_duplicates).toEqual([firstId]);
  });

  it('keeps optional equality answers apart: officers never see them, managers see totals only, and every view is audited', async () => {
    const tag = `Equal${Date.now()}`;
    const { browser, submit } = await openForm();
    await submit(person(tag));
    const step = await browser.get('/enquire/about-you');
    expect(step.status).toBe(200);
    expect(step.body).toContain('Skip these questions');
    const saved = await browser.post('/enquire/about-you', {
      ethnicity: 'white_roma',
      religion: 'sikh',
      sex: 'not-an-option',
    });
    expect(saved.location).toBe('/enquire/thank-you');
    const stored = await ctx().deps.db.select().from(equalityMonitoring);
    expect(
      stored.some(
        (r) =>
          r.answers.ethnicity === 'white_roma' &&
          r.answers.religion === 'sikh' &&
          r.answers.sex === undefined,
      ),
    ).toBe(true);
    // The token is single use.
    expect((await browser.get('/enquire/about-you')).location).toBe('/enquire/thank-you');

    const enquiry = (await findEnquiry(tag))!;
    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const officerBrowser = new Browser(ctx().baseUrl);
    await officerBrowser.signIn(officer.email, officer.password);
    const household = await officerBrowser.get(`/enquiries/${enquiry.id}`);
    expect(household.status).toBe(200);
    expect(household.body).not.toMatch(/Roma|Sikh/);
    expect((await officerBrowser.get('/reports/equality')).status).toBe(403);

    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const managerBrowser = new Browser(ctx().baseUrl);
    await managerBrowser.signIn(manager.email, manager.password);
    const report = await managerBrowser.get('/reports/equality');
    expect(report.status).toBe(200);
    expect(report.body).toContain('White: Roma');
    expect(report.body).toMatch(/White: Roma<\/th>\s*<td[^>]*>fewer than 5</);
    const audits = await rows<{ n: number }>(
      ctx().deps.db,
      sql`select count(*)::int as n from audit_events where action = 'equality.viewed' and actor_user_id = ${manager.id}`,
    );
    expect(audits[0]!.n).toBe(1);
  });
});

describe('information sessions offered on the public form', () => {
  const ctx = useTestContext();

  it('offers upcoming sessions, and books the chosen one with an emailed confirmation', async () => {
    const { createEvent } = await import('../../src/events/events.service.ts');
    const { systemActor } = await import('../../src/shared/actor.ts');
    const { eventBookings } = await import('../../src/events/events.table.ts');
    const { messages } = await import('../../src/messages/messages.table.ts');
    const session = await createEvent(ctx().deps.db, systemActor(ctx().agencyId, 'test'), {
      kind: 'information_session',
      title: 'Online information evening',
      startsAt: new Date(Date.now() + 5 * 86_400_000),
      endsAt: null,
      candidateDates: [],
      online: true,
      venue: null,
      joiningLink: 'https://meet.example.org/fostering',
      capacity: null,
      campaignCode: null,
      description: null,
      staffIds: [],
    });
    const browser = new Browser(ctx().baseUrl, { ip: '203.0.113.9' });
    const page = await browser.get('/enquire');
    expect(page.body).toContain('Would you like to come to an information session?');
    expect(page.body).toContain(`value="${session.id}"`);

    const tag = `Sess${Date.now()}`;
    const stamp = formStartedToken(browser.cookie('crm_csrf')!, Date.now() - 10_000);
    const bad = await browser.post('/enquire', {
      startedAt: stamp,
      website: '',
      firstName: 'Sol',
      lastName: tag,
      email: `${tag.toLowerCase()}@example.net`,
      postcode: 'NR3 1AA',
      transfer: 'no',
      sessionId: 'not-a-session',
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('Choose a session from the list, or Not now');
    expect(bad.body).toContain(`value="${tag}"`);

    const res = await browser.post('/enquire', {
      startedAt: stamp,
      website: '',
      firstName: 'Sol',
      lastName: tag,
      email: `${tag.toLowerCase()}@example.net`,
      postcode: 'NR3 1AA',
      transfer: 'no',
      sessionId: session.id,
    });
    expect(res.status).toBe(303);
    const [booking] = await ctx()
      .deps.db.select()
      .from(eventBookings)
      .where(eq(eventBookings.eventId, session.id));
    expect(booking).toMatchObject({ status: 'booked', source: 'public' });
    const [message] = await ctx()
      .deps.db.select()
      .from(messages)
      .where(and(eq(messages.enquiryId, booking!.enquiryId), ne(messages.trigger, 'welcome')));
    expect(message).toMatchObject({
      trigger: 'booking_booked',
      toAddress: `${tag.toLowerCase()}@example.net`,
    });
    expect(message!.bodyText).toContain('Join here: https://meet.example.org/fostering');
  });
});
